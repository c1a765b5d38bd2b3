"""Signed files of anonymous figures (a center's period, for a joint report of several centers).

The file is one JSON object: ``{"type", "format", "body", "signature"}``. ``body`` is the
canonical JSON text that was signed, kept as a string so that the verified bytes are the
signed bytes; it names the center and carries the center's public keys. The signature is
Ed25519 with the office's identity key over a domain string of its own, so no other
signed document of the program (manifest, certificate, roster, invitation) can pass for
one of these files, nor the other way round.

The signature only says that the holder of the key in the file wrote this body: whose key
that is, the receiver decides by comparing the printed fingerprint with the one the center
gave them (``beratungsdesk sync identity``). Nothing in the body is trusted because the
signature is valid; ``reports/joint.py`` checks every field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from beratungsdesk.sync import crypto
from beratungsdesk.sync.bundle import canonical
from beratungsdesk.sync.identity import b64, unb64

FILE_TYPE = "beratungsdesk-anonymous-figures"
FORMAT = 1
#: A period's figures are a few kilobytes; anything far larger is not one of these files.
MAX_FILE_BYTES = 1024 * 1024


class FiguresFileError(ValueError):
    """A file refused; ``reason`` is ``damaged`` (not such a file, or broken) or ``bad_signature``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class OpenedFigures:
    body: dict[str, Any]  # verified, but NOT validated: every field is still untrusted
    sign_public: bytes
    kx_public: bytes

    @property
    def fingerprint(self) -> str:
        """The same fingerprint as the center's identity (``beratungsdesk sync identity``)."""
        return crypto.fingerprint(self.sign_public, self.kx_public)


def identity_fingerprint(identity: crypto.Identity) -> str:
    return crypto.fingerprint(identity.sign_public, identity.kx_public)


def sign_figures(identity: crypto.Identity, body: dict[str, Any]) -> bytes:
    """The file's bytes: ``body`` with the identity's public keys, signed."""
    signed_body = {**body, "sign_pub": b64(identity.sign_public), "kx_pub": b64(identity.kx_public)}
    raw = canonical(signed_body)
    signature = identity.sign(crypto.DOMAIN_FIGURES, raw)
    return canonical({"type": FILE_TYPE, "format": FORMAT, "body": raw.decode("utf-8"),
                      "signature": b64(signature)}) + b"\n"


def open_figures(content: bytes) -> OpenedFigures:
    """Parse the envelope and verify the signature with the key the body names."""
    if len(content) > MAX_FILE_BYTES:
        raise FiguresFileError("damaged", "size")
    try:
        outer = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise FiguresFileError("damaged", "json") from None
    if not isinstance(outer, dict) or outer.get("type") != FILE_TYPE:
        raise FiguresFileError("damaged", "type")
    if outer.get("format") != FORMAT or isinstance(outer.get("format"), bool):
        raise FiguresFileError("damaged", "format")
    text, signature_text = outer.get("body"), outer.get("signature")
    if not isinstance(text, str):
        raise FiguresFileError("damaged", "body")
    try:
        signature = unb64(signature_text, crypto.SIGNATURE_BYTES)
    except ValueError:
        raise FiguresFileError("damaged", "signature") from None
    try:
        raw = text.encode("utf-8")  # a lone surrogate escaped in the JSON does not encode
        body = json.loads(text)
    except (ValueError, RecursionError):
        raise FiguresFileError("damaged", "body") from None
    if not isinstance(body, dict):
        raise FiguresFileError("damaged", "body")
    try:
        sign_public = unb64(body.get("sign_pub"), crypto.KEY_BYTES)
        kx_public = unb64(body.get("kx_pub"), crypto.KEY_BYTES)
    except ValueError:
        raise FiguresFileError("damaged", "sign_pub") from None
    if not (crypto.public_key_valid("sign", sign_public) and crypto.public_key_valid("kx", kx_public)):
        raise FiguresFileError("damaged", "sign_pub")
    if not crypto.verify(sign_public, crypto.DOMAIN_FIGURES, raw, signature):
        raise FiguresFileError("bad_signature")
    return OpenedFigures(body, sign_public, kx_public)
