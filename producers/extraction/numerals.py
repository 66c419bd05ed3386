"""Numbers as news writes them: "4,538", "1,23,456", "१५८", "तीन", "a dozen", "lone".

Every number keeps its character span, so a fact can point at its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Number", "find_numbers", "parse_digits"]

_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")

_EN_WORDS = {
    "zero": 0, "nil": 0, "one": 1, "lone": 1, "a single": 1, "single": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "a dozen": 12,
    "half a dozen": 6, "two dozen": 24, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9}  # fmt: skip

_HI_WORDS = {
    "शून्य": 0, "एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "पाँच": 5, "छह": 6, "छः": 6,
    "छ:": 6, "सात": 7, "आठ": 8, "नौ": 9, "दस": 10, "ग्यारह": 11, "बारह": 12, "तेरह": 13,
    "चौदह": 14, "पंद्रह": 15, "पन्द्रह": 15, "सोलह": 16, "सत्रह": 17, "अठारह": 18,
    "उन्नीस": 19, "बीस": 20, "इक्कीस": 21, "बाईस": 22, "तेईस": 23, "चौबीस": 24, "पच्चीस": 25,
    "तीस": 30, "चालीस": 40, "पचास": 50, "एक दर्जन": 12, "दर्जन भर": 12, "दो दर्जन": 24,
}  # fmt: skip

_MULTIPLIERS = {
    "lakh": 100_000, "lakhs": 100_000, "लाख": 100_000, "thousand": 1000, "हजार": 1000,
    "हज़ार": 1000, "crore": 10_000_000, "करोड़": 10_000_000,
}  # fmt: skip

_DIGIT = r"[0-9०-९]"
_DIGITS_RE = re.compile(
    rf"(?<![\w.]){_DIGIT}{{1,3}}(?:,{_DIGIT}{{2,3}})+(?:\.{_DIGIT}+)?(?![\d,]{_DIGIT})"
    rf"|(?<![\w.]){_DIGIT}+(?:\.{_DIGIT}+)?"
)
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th|वें|वां|वीं|वाँ|वा|वी|वे)(?![\w\u0900-\u097f])")
_MULT_RE = re.compile(r"\s*(" + "|".join(_MULTIPLIERS) + r")(?![\w\u0900-\u097f])", re.I)

_B = r"(?<![\w\u0900-\u097f])"
_E = r"(?![\w\u0900-\u097f])"
_en_compound = r"(?:" + "|".join(_EN_TENS) + r")[-\s](?:" + "|".join(_EN_UNITS) + r")"
_EN_WORD_RE = re.compile(
    _B
    + "("
    + _en_compound
    + "|"
    + "|".join(sorted((re.escape(w) for w in _EN_WORDS), key=len, reverse=True))
    + ")"
    + _E,
    re.IGNORECASE,
)
_HI_WORD_RE = re.compile(
    _B + "(" + "|".join(sorted((re.escape(w) for w in _HI_WORDS), key=len, reverse=True)) + ")" + _E
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in a sentence."""

    value: float
    start: int
    end: int
    text: str
    is_word: bool = False
    """Spelled out ("three", "तीन"); single-digit words are also common articles ("एक")."""
    ordinal: bool = False
    """"8th", "8वें": a position, never a count."""
    decimal: bool = False

    @property
    def as_int(self) -> int | None:
        """The value when it is a whole number, else None."""
        return int(self.value) if float(self.value).is_integer() else None


def parse_digits(text: str) -> float:
    """ "4,538" -> 4538, "१,२३,४५६" -> 123456, "10.45" -> 10.45."""
    return float(text.translate(_DEVANAGARI_DIGITS).replace(",", ""))


def _word_value(word: str) -> int:
    low = re.sub(r"\s+", " ", word.lower())
    if low in _EN_WORDS:
        return _EN_WORDS[low]
    if word in _HI_WORDS:
        return _HI_WORDS[word]
    tens, units = re.split(r"[-\s]", low, maxsplit=1)
    return _EN_TENS[tens] + _EN_UNITS[units]


_FRACTION_AFTER = re.compile(r"[-\s]?(?:fourths?|thirds?|fifths?|quarters?|halves)\b", re.I)


def find_numbers(sentence: str) -> list[Number]:
    """Every number in ``sentence``, in order, with its span; overlapping word forms are dropped."""
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    for match in _DIGITS_RE.finditer(sentence):
        text = match.group(0)
        value = parse_digits(text)
        end = match.end()
        ordinal = bool(_ORDINAL_RE.match(sentence, end))
        mult = _MULT_RE.match(sentence, end)
        if mult and not ordinal:
            value *= _MULTIPLIERS[mult.group(1).lower()]
            end = mult.end()
        found.append(
            Number(
                value,
                match.start(),
                end,
                sentence[match.start() : end],
                ordinal=ordinal,
                decimal="." in text,
            )
        )
        taken.append((match.start(), end))
    for regex in (_EN_WORD_RE, _HI_WORD_RE):
        for match in regex.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if _FRACTION_AFTER.match(sentence, match.end()):
                continue  # "two-thirds of the house" is a share, not a count
            found.append(
                Number(
                    _word_value(match.group(1)),
                    match.start(),
                    match.end(),
                    match.group(0),
                    is_word=True,
                )
            )
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda n: n.start)
