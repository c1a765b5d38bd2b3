"""Render the sample documents shown in docs/reports/ from a fresh demo store.

    .venv/bin/python docs/reports/make_samples.py

Creates a throw-away store in a temporary folder (synthetic demo data, fixed
seed, a year ending 30.06.2022), sets an organisation profile with a drawn logo,
writes the short report, a subject access export, a complaint letter, a case file
and the CSV; a second demo store of another center exports its anonymous figures, and
both make a joint report. The first pages are rendered as PNG with pdftoppm
(poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from beratungsdesk.services import demo
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.joint_report import export_anonymous, joint_report
from beratungsdesk.services.reports import LetterDraft, ProfileService, ReportService
from beratungsdesk.services.stores import ROLE_OFFICE, init_store

HERE = Path(__file__).resolve().parent
FONT = HERE.parents[1] / "src" / "beratungsdesk" / "resources" / "fonts" / "DejaVuSans-Bold.ttf"
START, END = dt.date(2021, 7, 1), dt.date(2022, 6, 30)


def logo() -> bytes:
    image = Image.new("RGB", (360, 360), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 350, 350), fill="#0e5a6e", outline="#e08a1e", width=18)
    font = ImageFont.truetype(str(FONT), 120)
    draw.text((180, 185), "BgA", font=font, fill="white", anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


PROFILE = {
    "name": "Beratungsstelle gegen Alltagsrassismus im Kreis Mettmann",
    "cooperation": "Eine Kooperation der Wohlfahrtsverbände im Kreis Mettmann",
    "funding": "Finanziert und gefördert durch den Kreis Mettmann, Kreisintegrationszentrum",
    "address": "Beispielstraße 12\n40822 Mettmann",
    "phone": "02104 / 95282-45",
    "web": "www.gegen-alltagsrassismus.org",
    "email": "info@gegen-alltagsrassismus.org",
    "social": "@gegen_alltagsrassismus",
    "signature": "Marta Kowalczyk\nBeraterin",
}


def render(pdf: Path, pages: int) -> None:
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", str(pages), str(pdf),
                    str(HERE / pdf.stem)], check=True)


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        store = init_store(folder / "store", "sample-passphrase", ROLE_OFFICE, "Samples", 0.0)
        with store:
            demo.fill(store, cases=60, seed=2022, today=END)
            profiles = ProfileService(store)
            for key, value in PROFILE.items():
                profiles.set_text(key, value)
            profiles.set_logo(logo())
            service = ReportService(store)
            service.kurzbericht(START, END, folder / "kurzbericht.pdf", as_of=END)
            service.export_csv(service.statistics(START, END), HERE / "kurzbericht-zahlen.csv")
            cases = CaseService(store)
            record = cases.record_by_number("2022-0001")
            service.auskunft(record.client.code, folder / "auskunft.pdf", as_of=END)
            draft = service.letter_draft("2022-0001", on=END)
            draft = LetterDraft(draft.case_number, "Stadt Velbert\nBürgerbüro\nThomasstraße 1\n"
                                "42551 Velbert", draft.subject, draft.body)
            service.letter(draft, folder / "beschwerdebrief.pdf", on=END)
            service.case_file("2022-0001", folder / "fallakte.pdf", as_of=END)
            first = export_anonymous(store, START, END, folder / "mettmann.bdfigures").path
        other = init_store(folder / "other", "sample-passphrase", ROLE_OFFICE, "Samples 2", 0.0)
        with other:
            demo.fill(other, cases=140, seed=7, today=END)
            ProfileService(other).set_text("name", "Antidiskriminierungsberatung Musterstadt")
            second = export_anonymous(other, START, END, folder / "musterstadt.bdfigures").path
        joint_report([first, second], folder / "gemeinsam.pdf")
        for name, pages in (("kurzbericht", 3), ("auskunft", 2), ("beschwerdebrief", 1),
                            ("fallakte", 2), ("gemeinsam", 2)):
            render(folder / f"{name}.pdf", pages)
    print(f"samples written to {HERE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
