"""The passphrase policy: what a new passphrase must be, for the GUI and the command line alike.

A passphrase is the only thing between a lost laptop and special categories of personal
data (the key derivation makes each guess slow, it cannot make a guessable phrase safe).
So a new passphrase needs

- at least :data:`MIN_LENGTH` characters, and
- a strength of at least :data:`MIN_SCORE` in the ``zxcvbn`` estimate (0..4): zxcvbn counts
  how many guesses an attacker with dictionaries, keyboard patterns, repeats, dates and
  common substitutions needs, so ``"a" * 20`` or ``"passwort123456"`` are weak whatever
  their length, while a sentence of four ordinary words is strong.

Only new passphrases are rated (``init``, ``passwd``, the first start and the settings);
a store created before keeps opening with the one it has.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from beratungsdesk.core.errors import ValidationError

MIN_LENGTH = 10
#: zxcvbn's score 3: "safely unguessable", about 10^8 to 10^10 guesses.
MIN_SCORE = 3
#: zxcvbn refuses longer input (its work grows with the length); the first 72 characters
#: of a longer phrase are rated, and if they are strong, so is the whole.
_RATED_CHARACTERS = 72
#: Words an attacker of this program would try first.
_PROGRAM_WORDS = ("beratungsdesk", "beratung", "desk", "passphrase", "passwort")


class Strength(enum.IntEnum):
    """How a new passphrase rates; the GUI shows it as a bar of 0..3."""

    TOO_SHORT = 0
    WEAK = 1
    GOOD = 2
    STRONG = 3

    @property
    def acceptable(self) -> bool:
        return self >= Strength.GOOD


def strength(passphrase: str, context: Iterable[str] = ()) -> Strength:
    """The strength of ``passphrase``; ``context`` are words that belong to this store
    (its name) and make a phrase built from them weaker."""
    if len(passphrase) < MIN_LENGTH:
        return Strength.TOO_SHORT
    from zxcvbn import zxcvbn  # about 0.1 s to load its word lists: only when a phrase is rated

    words = [word for word in (*_PROGRAM_WORDS, *context) if word]
    score = int(zxcvbn(passphrase[:_RATED_CHARACTERS], user_inputs=words)["score"])
    if score < MIN_SCORE:
        return Strength.WEAK
    return Strength.STRONG if score > MIN_SCORE else Strength.GOOD


def check(passphrase: str, context: Iterable[str] = ()) -> None:
    """Raise ``passphrase_too_short`` or ``passphrase_weak`` unless the policy accepts it."""
    rated = strength(passphrase, context)
    if rated is Strength.TOO_SHORT:
        raise ValidationError("passphrase_too_short", minimum=MIN_LENGTH)
    if rated is Strength.WEAK:
        raise ValidationError("passphrase_weak", minimum=MIN_LENGTH)
