"""The passphrase policy: a minimum length and zxcvbn's estimate, the same for GUI and CLI."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beratungsdesk.core.errors import ValidationError
from beratungsdesk.services import messages, passphrase_policy
from beratungsdesk.services.passphrase_policy import MIN_LENGTH, Strength


@pytest.mark.parametrize("weak", ["a" * 20, "a" * 200, "aaaaaaaaaa1", "passwort123456", "1234567890123",
                                  "qwertzuiopasdfgh", "beratungsdesk2024", "Beratungsdesk!!"])
def test_long_but_guessable_phrases_are_weak(weak: str) -> None:
    assert passphrase_policy.strength(weak) is Strength.WEAK
    with pytest.raises(ValidationError) as caught:
        passphrase_policy.check(weak)
    assert caught.value.code == "passphrase_weak"


@pytest.mark.parametrize("strong", ["correct horse battery staple", "Unser Büro öffnet montags um neun Uhr",
                                    "Kürbis-Ölmühle ğ 🙂 lange Passphrase"])
def test_sentences_of_several_words_are_strong(strong: str) -> None:
    assert passphrase_policy.strength(strong) is Strength.STRONG
    passphrase_policy.check(strong)  # accepted


def test_the_store_name_counts_as_known_to_an_attacker() -> None:
    name = "Antidiskriminierungsbuero Nordstadt"
    assert passphrase_policy.strength(name).acceptable
    assert passphrase_policy.strength(name, context=[name]) is Strength.WEAK


def test_a_phrase_longer_than_zxcvbn_takes_is_rated_by_its_beginning() -> None:
    assert passphrase_policy.strength("Unser Büro öffnet montags um neun Uhr " * 5) is Strength.STRONG
    assert passphrase_policy.strength("a" * 100 + " correct horse battery staple") is Strength.WEAK


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=MIN_LENGTH - 1))
def test_anything_shorter_than_the_minimum_is_refused_as_too_short(short: str) -> None:
    assert passphrase_policy.strength(short) is Strength.TOO_SHORT
    with pytest.raises(ValidationError) as caught:
        passphrase_policy.check(short)
    assert caught.value.code == "passphrase_too_short"


@settings(max_examples=40, deadline=None)
@given(st.characters(exclude_categories=("Cs",)), st.integers(MIN_LENGTH, 72))
def test_one_character_repeated_is_never_acceptable(character: str, count: int) -> None:
    assert not passphrase_policy.strength(character * count).acceptable


def test_the_refusals_name_the_rule() -> None:
    for phrase, rule in (("kurz", f"at least {MIN_LENGTH} characters"),
                         ("a" * 20, "at least 3 of 4")):
        with pytest.raises(ValidationError) as caught:
            passphrase_policy.check(phrase)
        text = messages.describe(caught.value)
        assert rule in text and "\n" not in text
        assert phrase not in str(caught.value) and phrase not in text  # never the phrase itself


def test_the_services_create_and_rekey_only_with_an_accepted_passphrase(tmp_path, office) -> None:
    from beratungsdesk.services.stores import change_passphrase, init_store, open_store
    from tests.conftest import PASSPHRASE

    folder = tmp_path / "new"
    with pytest.raises(ValidationError) as caught:
        init_store(folder, "a" * 20, "office", "Office", kdf_seconds=0.0)
    assert caught.value.code == "passphrase_weak"
    assert not folder.exists() or not any(folder.iterdir())
    key_before = (office.folder / "store.key").read_bytes()
    with pytest.raises(ValidationError):
        change_passphrase(office, PASSPHRASE, "kurz", kdf_seconds=0.0)
    assert (office.folder / "store.key").read_bytes() == key_before
    folder_of_office = office.folder
    office.close()
    open_store(folder_of_office, PASSPHRASE).close()
