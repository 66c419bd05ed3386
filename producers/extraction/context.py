"""What a sentence inherits from the ones before it: state, house, stated time, subject.

"हिमाचल प्रदेश की बात करें तो…" sets the state for the sentences that follow; a sentence
naming "Lok Sabha" switches the house; "as of 10.45 am" holds for the rest of its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from tally.reference import contests

from .gazetteer import Mention, SeatInfo

__all__ = [
    "ArticleContext",
    "Focus",
    "contest_year",
    "find_house",
    "general_cue",
    "names_bypoll",
    "names_several_states",
]

# "Rajya Sabha MP Upendra Kushwaha" is a title, not the house a number belongs to.
_TITLE = r"(?!\s*(?:MPs?|members?|सांसद|सदस्य)(?![\w\u0900-\u097f]))"
_HOUSES = (
    ("rajya_sabha", re.compile(rf"(?:Rajya Sabha|राज्यसभा|राज्य सभा){_TITLE}", re.I)),
    (
        "lok_sabha",
        re.compile(
            rf"(?:Lok Sabha|general elections?|parliamentary|लोकसभा|लोक सभा|आम चुनाव){_TITLE}",
            re.I,
        ),
    ),
    ("assembly", re.compile(r"Assembly|Vidhan Sabha|legislative|विधानसभा|विधान सभा|विधायक", re.I)),
)


_BYPOLL = re.compile(
    r"\b(?:by-?polls?|by-?elections?|bye-?elections?|by\s+polls?|bypoll)\b|उपचुनाव|उप-चुनाव|उप चुनाव",
    re.I,
)
_GENERAL = re.compile(
    r"\b(?:general elections?|assembly elections?|assembly polls|Lok Sabha elections?)\b"
    r"|विधानसभा चुनाव|लोकसभा चुनाव|आम चुनाव",
    re.I,
)


# "Assembly by-polls held in seven states", "देश के चार राज्यों में": a count across states.
_SEVERAL_STATES = re.compile(
    r"\b(?:in|across|of)\s+(?:\w+\s+){0,2}(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
    r"\s+states\b|(?:दो|तीन|चार|पांच|पाँच|छह|सात|आठ|नौ|दस|\d+)\s+राज्यों",
    re.I,
)


def names_several_states(sentence: str) -> bool:
    """The sentence counts across several states, so its figures are national."""
    return bool(_SEVERAL_STATES.search(sentence))


def names_bypoll(sentence: str) -> bool:
    """The sentence speaks of a by-election ("bypoll", "उपचुनाव")."""
    return bool(_BYPOLL.search(sentence))


def general_cue(sentence: str) -> bool:
    """The sentence names a general election, which ends a by-election's scope."""
    return bool(_GENERAL.search(sentence))


def find_house(sentence: str) -> list[tuple[int, str]]:
    """House cues in the sentence as ``(offset, house)``, in order."""
    found = [(m.start(), house) for house, rx in _HOUSES for m in rx.finditer(sentence)]
    return sorted(found)


@dataclass(slots=True)
class Focus:
    """The candidate and seat the last seat-result sentence spoke of ("he", "the AAP leader")."""

    state: str
    seat: SeatInfo | None
    candidate: str | None
    party: str | None


@dataclass(slots=True)
class ArticleContext:
    """Mutable state of one pass over an article."""

    published: date | None
    text_years: tuple[int, ...]
    state: str | None = None
    main_state: str | None = None
    """The state the article names most (first on a tie): the fallback before any is named."""
    main_note: str = "state:article"
    """How the main state was chosen: named in the text, or the home of its parties."""
    house: str | None = None
    paragraph: int = -1
    as_of: str | None = None
    exit_poll_shadow: bool = False
    bypoll: bool = False
    several_states: bool = False
    """The paragraph counts across several states ("by-polls in seven states")."""
    lede_bypoll: bool = False
    """A by-election named in the article's first paragraph holds for the whole article."""
    states_named: int = 0
    """How many states the whole article names."""
    paragraph_status: str | None = None
    """The status a weak cue of this paragraph gave ("रुझान", "trends"), for its standings
    lines that state none."""
    other_year_told: bool = False
    """This paragraph has been telling of an earlier election since its last dated line."""
    last_actor: Mention | None = None
    focus: Focus | None = None
    seen: set[tuple[object, ...]] = field(default_factory=set)

    def new_paragraph(self, paragraph: int) -> None:
        if paragraph != self.paragraph:
            if self.paragraph == 0 or (self.paragraph == -1 and paragraph > 0):
                self.lede_bypoll = self.bypoll
            self.paragraph = paragraph
            self.as_of = None
            self.exit_poll_shadow = False
            self.several_states = False
            self.bypoll = self.lede_bypoll
            self.other_year_told = False
            self.paragraph_status = None


def contest_year(
    state: str, house: str, published: date | None, text_years: tuple[int, ...]
) -> int | None:
    """The year of the contest a fact belongs to.

    A known contest whose counting day is up to 45 days before (or 1 day after) the
    publication date wins; otherwise the publication year. An undated article takes the
    known contest of that state and house named by a year in its text, then the only known
    one, then the latest year its text names.
    """
    known = [c for c in contests().values() if c.state == state and c.house == house]
    if published is not None:
        near = [c for c in known if -1 <= (published - c.counting_day).days <= 45]
        if near:
            return min(near, key=lambda c: abs((published - c.counting_day).days)).year
        return published.year
    named = [c for c in known if c.year in text_years]
    if len(named) == 1:
        return named[0].year
    if len(known) == 1:
        return known[0].year
    return max(text_years) if text_years else None


def counting_day(state: str, house: str, year: int) -> date | None:
    """The known counting day of a contest, used to date facts of an undated article."""
    info = contests().get(f"{state}-{house}-{year}")
    return info.counting_day if info else None


def as_datetime(day: date, hhmm: str | None, tz: object) -> datetime:
    """``day`` at ``hhmm`` (midnight when None) in ``tz``."""
    hour, minute = (int(x) for x in (hhmm or "00:00").split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)  # type: ignore[arg-type]
