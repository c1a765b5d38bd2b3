"""Typed errors with codes and data.

The core never formats user-facing text: an error carries a stable ``code``
and the data needed to explain it (field, line, column, ...). The CLI and the
GUI turn it into a sentence (see ``services/messages.py``).

``str(error)`` deliberately shows only the code and the *location* keys
(field, line, column, entity, file name-free hints), never values: values may be
personal data, and exception texts end up in tracebacks and logs.
"""

from __future__ import annotations

from typing import Any

#: Data keys that are safe to show in ``str()``: they locate a problem but never
#: contain what a user typed.
_LOCATION_KEYS = ("entity", "field", "line", "column", "limit", "kind", "count")


class BeratungsError(Exception):
    """Base class for every error the project raises on purpose."""

    code = "error"

    def __init__(self, code: str | None = None, **data: Any) -> None:
        self.code = code or type(self).code
        self.data = data
        super().__init__(self._safe_text())

    def _safe_text(self) -> str:
        parts = [f"{key}={self.data[key]}" for key in _LOCATION_KEYS if key in self.data]
        return self.code + (f" ({', '.join(parts)})" if parts else "")


class ValidationError(BeratungsError):
    """One invalid value. ``field`` names it; ``line``/``column`` where it came from a file."""

    code = "invalid"


class ValidationErrors(BeratungsError):
    """Several problems found at once (e.g. every bad row of a spreadsheet)."""

    code = "invalid_many"

    def __init__(self, errors: list[ValidationError], **data: Any) -> None:
        self.errors = errors
        super().__init__(count=len(errors), **data)


class NotFound(BeratungsError):
    code = "not_found"


class StoreError(BeratungsError):
    """Problems opening or writing the encrypted store (codes in ``StoreErrorCode``)."""

    code = "store_error"


class StoreErrorCode:
    WRONG_PASSPHRASE = "wrong_passphrase"
    MISSING = "store_missing"
    EXISTS = "store_exists"
    DAMAGED = "store_damaged"
    FOREIGN = "store_foreign"
    LOCKED = "store_locked"
    DISK_FULL = "disk_full"
    TOO_NEW = "store_too_new"
    READ_ONLY = "store_read_only"
    IO_ERROR = "store_io_error"
    THROTTLED = "unlock_throttled"
    KEYFILE_DAMAGED = "keyfile_damaged"
    KDF_FAILED = "key_derivation_failed"
    CONSTRAINT = "constraint"
    DATABASE_ERROR = "database_error"
    FILE_IN_USE = "file_in_use"


class KeptAtOffice(BeratungsError):
    """A document whose content this laptop does not hold: it is kept at the office only."""

    code = "document_at_office"


class PermissionDenied(BeratungsError):
    """An action this store's role may not perform (e.g. enrolling on a laptop)."""

    code = "not_permitted"
