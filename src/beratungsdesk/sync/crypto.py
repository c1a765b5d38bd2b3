"""Key pairs, fingerprints, signatures and the verification code.

Each store has two key pairs, made once and kept only inside the encrypted store:
an Ed25519 pair that signs manifests, certificates, rosters and receipts, and an
X25519 pair that bundles are encrypted to. Keys travel as raw 32-byte values.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

KEY_BYTES = 32
SIGNATURE_BYTES = 64

#: Domain separation: a signature made for one purpose never verifies for another.
DOMAIN_MANIFEST = b"BeratungsDesk manifest v1\n"
DOMAIN_CERTIFICATE = b"BeratungsDesk device certificate v1\n"
DOMAIN_ROSTER = b"BeratungsDesk roster v1\n"
DOMAIN_INVITATION = b"BeratungsDesk invitation v1\n"
DOMAIN_FIGURES = b"BeratungsDesk anonymous figures v1\n"


@dataclass(frozen=True)
class Identity:
    """The private half of a store's identity (never written outside the store)."""

    sign_private: bytes
    kx_private: bytes

    @classmethod
    def generate(cls) -> Identity:
        sign = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        kx = X25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return cls(sign, kx)

    @property
    def sign_public(self) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.sign_private).public_key().public_bytes(
            Encoding.Raw, PublicFormat.Raw)

    @property
    def kx_public(self) -> bytes:
        return X25519PrivateKey.from_private_bytes(self.kx_private).public_key().public_bytes(
            Encoding.Raw, PublicFormat.Raw)

    def sign(self, domain: bytes, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.sign_private).sign(domain + message)

    def exchange(self, peer_public: bytes) -> bytes:
        """X25519 shared secret; raises ValueError for a degenerate (all-zero) result."""
        peer = X25519PublicKey.from_public_bytes(peer_public)
        return X25519PrivateKey.from_private_bytes(self.kx_private).exchange(peer)


def verify(public: bytes, domain: bytes, message: bytes, signature: bytes) -> bool:
    if len(public) != KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, domain + message)
    except (InvalidSignature, ValueError):
        return False
    return True


def key_fingerprint(kx_public: bytes) -> str:
    """Hex SHA-256 of an encryption key: names the recipient key inside a manifest."""
    return hashlib.sha256(b"BeratungsDesk kx key\n" + kx_public).hexdigest()


def fingerprint(sign_public: bytes, kx_public: bytes) -> str:
    """Human-comparable fingerprint of an identity: 20 base32 letters in groups of four."""
    digest = hashlib.sha256(b"BeratungsDesk identity\n" + sign_public + kx_public).digest()
    text = base64.b32encode(digest).decode("ascii")[:20]
    return "-".join(text[i:i + 4] for i in range(0, 20, 4))


def verification_code(office_sign: bytes, office_kx: bytes, device_sign: bytes, device_kx: bytes,
                      invitation_id: str) -> str:
    """Twelve digits both people read aloud at enrollment (``1234 5678 9012``).

    Computed from both identities and the invitation, so a join request swapped
    on the way (other keys) or an invitation swapped (other office) shows a
    different code on one of the two screens.
    """
    digest = hashlib.sha256(b"BeratungsDesk enrollment\n" + office_sign + office_kx + device_sign
                            + device_kx + invitation_id.encode("ascii")).digest()
    number = int.from_bytes(digest[:8], "big") % 10**12
    text = f"{number:012d}"
    return " ".join(text[i:i + 4] for i in range(0, 12, 4))


def public_key_valid(kind: str, raw: bytes) -> bool:
    """Whether ``raw`` parses as a public key of ``kind`` (sign | kx)."""
    if len(raw) != KEY_BYTES:
        return False
    try:
        if kind == "sign":
            Ed25519PublicKey.from_public_bytes(raw)
        else:
            X25519PublicKey.from_public_bytes(raw)
    except ValueError:
        return False
    return True
