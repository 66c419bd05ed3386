"""Clock times in counting-day copy: "as of 10.45 am", "at 2 pm", "सुबह 11 बजे तक".

A time becomes a fact's ``as_of``. Only a time *marked* as a cut-off ("as of", "till", "तक")
is carried to the following sentences of the same paragraph; a bare "at 2 pm" speaks only for
its own sentence, because copy also mentions times of rallies and celebrations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ClockTime", "find_times"]

_D = r"[0-9०-९]"
_EN = re.compile(
    rf"(?P<mark>\b(?:as of|as on|as at|till|until|by|up to|upto|at)\s+)?"
    rf"(?P<h>{_D}{{1,2}})(?:[.:](?P<m>{_D}{{2}}))?\s*(?P<ampm>a\.?\s?m\b\.?|p\.?\s?m\b\.?|hrs\b|IST\b)",
    re.IGNORECASE,
)
_HI = re.compile(
    r"(?P<part>सुबह|प्रातः|दोपहर|शाम|रात)?\s*(?P<frac>साढ़े|सवा|पौने)?\s*"
    rf"(?P<h>{_D}{{1,2}})(?:[.:](?P<m>{_D}{{2}}))?\s*बजे(?P<mark>\s*तक)?"
)
_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


@dataclass(frozen=True, slots=True)
class ClockTime:
    """A time of day stated in a sentence, as ``"HH:MM"``."""

    hhmm: str
    start: int
    end: int
    cutoff: bool
    """Stated as a cut-off ("as of", "till", "तक"): carried to the rest of the paragraph."""


def _fmt(hour: int, minute: int) -> str | None:
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return f"{hour:02d}:{minute:02d}"
    return None


def find_times(sentence: str) -> list[ClockTime]:
    """Every clock time in the sentence, in order."""
    out: list[ClockTime] = []
    for m in _EN.finditer(sentence):
        hour = int(m.group("h").translate(_DIGITS))
        minute = int((m.group("m") or "0").translate(_DIGITS))
        ampm = m.group("ampm").lower().replace(".", "").replace(" ", "")
        if ampm.startswith("p") and hour < 12:
            hour += 12
        if ampm.startswith("a") and hour == 12:
            hour = 0
        hhmm = _fmt(hour, minute)
        mark = (m.group("mark") or "").strip().lower()
        if hhmm:
            out.append(ClockTime(hhmm, m.start(), m.end(), mark not in ("", "at")))
    for m in _HI.finditer(sentence):
        hour = int(m.group("h").translate(_DIGITS))
        minute = int((m.group("m") or "0").translate(_DIGITS))
        frac = m.group("frac")
        if frac == "साढ़े":
            minute = 30
        elif frac == "सवा":
            minute = 15
        elif frac == "पौने":
            hour, minute = hour - 1, 45
        part = m.group("part")
        if part in ("दोपहर", "शाम", "रात") and hour < 12 and not (part == "दोपहर" and hour >= 11):
            hour += 12
        hhmm = _fmt(hour, minute)
        if hhmm:
            start = m.start("part") if part else (m.start("frac") if frac else m.start("h"))
            out.append(ClockTime(hhmm, start, m.end(), bool(m.group("mark"))))
    return sorted(out, key=lambda t: t.start)
