"""What a paragraph records besides its decisions: the result of a vote, and who reserved themselves.

'Omröstningen utfaller med 39 Ja mot 38 Nej. Tre ledamöter avstår från att rösta.', 'Med 9 röster mot 4 …';
'Sandra Pilemalm (L) reserverar sig till förmån för sitt eget yrkande.'
"""

from __future__ import annotations

import re

from . import rules
from .model import Reservation, Vote

_RESULTS = [re.compile(pattern, re.IGNORECASE) for pattern in rules.values("vote_results")]
_NUMBERS = {word: int(value) for word, value in rules.mapping("number_words").items()}
SENTENCE = re.compile(r"(?<=[.!?”])\s+(?=[A-ZÅÄÖ0-9])")
RESERVES = re.compile(r"^(?P<by>.+?)\s+(?:reserverar|reserverade)\s+sig\b", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(" ".join(text.split())) if s.strip()]


def find_votes(text: str) -> list[Vote]:
    """Each vote result stated in a text, with the sentence about abstentions that follows it."""
    votes: list[Vote] = []
    for sentence in sentences(text):
        numbers = _numbers(sentence)
        if "yes" in numbers:
            votes.append(Vote(sentence, numbers.get("yes"), numbers.get("no"), numbers.get("abstained")))
        elif "abstained" in numbers and votes and votes[-1].abstained is None:
            last = votes[-1]
            votes[-1] = Vote(f"{last.text} {sentence}", last.yes, last.no, numbers["abstained"])
    return votes


def find_reservations(text: str) -> list[Reservation]:
    """'X (L) reserverar sig mot beslutet.' -> Reservation('X (L)', the sentence)."""
    found: list[Reservation] = []
    for sentence in sentences(text):
        if match := RESERVES.match(sentence):
            found.append(Reservation(match.group("by").strip(" ,"), sentence))
    return found


def _numbers(sentence: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for pattern in _RESULTS:
        for match in pattern.finditer(sentence):
            for name, value in match.groupdict().items():
                number = _number(value)
                if number is not None and name not in found:
                    found[name] = number
    return found


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower())
