"""English counting-day copy: "BJP leads in 158 seats", "won or leads in 34", "blanked".

Each pattern below is quoted from, or modelled on, real counting-day sentences.
"""

from __future__ import annotations

import re

from .grammar import Grammar

__all__ = ["ENGLISH"]

_I = re.IGNORECASE
_L = r"(?<![A-Za-z])"
_R = r"(?![A-Za-z])"


def _w(pattern: str) -> re.Pattern[str]:
    return re.compile(_L + "(?:" + pattern + ")" + _R, _I)


ENGLISH = Grammar(
    lang="en",
    verb_side="before",
    statuses=(
        # "The JMM-led alliance has won or is leading in 56 seats" -> total
        (
            "total",
            _w(
                r"(?:either )?(?:has |have )?(?:won|wins|winning) or (?:is |are )?(?:lead(?:s|ing)?|ahead)(?: in| on)?"
                r"|(?:is |are )?lead(?:s|ing)? or (?:has |have )?won|won/leading|wins/leads"
                r"|won and lead(?:s|ing)?(?: in)? a (?:combined|total)"
                # table headers: "party position (leads and wins): BJP 132, ..."
                r"|leads? (?:and|\+|&) wins?|wins? (?:and|\+|&) leads?|won ?\+ ?leading|leading ?\+ ?won"
            ),
        ),
        # "The BJP - which has never ruled J&K on its own - finished a distant second with 29 seats."
        (
            "won",
            _w(
                r"won|wins|winning|has won|bagged|bags|bagging|secured|secures|clinched|clinches"
                r"|captured|grabbed|snatched|retained|swept|finished(?: \w+){0,3} with|ended(?: up)? with"
                r"|victory|victorious|claimed victory|managed(?: only| just)?|tally (?:of|to|at|stands at)"
                r"|was reduced to|reduced to|got|won over|elected|emerged victorious|settled for"
                # "could manage only six", "reducing the Congress to 18", "restricted to 22"
                r"|manage|manages|could manage|reducing|restricted to|restricting|confined to"
            ),
        ),
        # "BJP is leading in 158 seats" / "ahead in 12"
        (
            "leading",
            _w(
                r"lead(?:s|ing)?(?: in| on)?|ahead(?: in| on)?|in the lead(?: in| on)?|led in|has leads in"
                r"|maintained (?:a )?leads? in|is ahead|are ahead"
            ),
        ),
    ),
    weak_statuses=(
        ("leading", _w(r"trends?|early leads?|leads so far")),
        (
            "won",
            _w(r"final (?:\w+ ){0,3}(?:tally|results?)|results? (?:declared|announced)"),
        ),
    ),
    zero_idioms=(
        # "it has been blanked in Haryana" / "failed to open its account"
        (
            "won",
            _w(
                r"(?:been|was|were|got|gets|is|are) blanked|drew a blank|draws? a blank|drawn a blank"
                r"|failed to open (?:its|their|the) account|could not open (?:its|their) account"
                r"|(?:failed|unable) to win (?:a single|any|even a single|even one) seat"
                r"|could not win (?:a single|any|even one) seat|did not win (?:a single|any) seat"
                r"|won no seats?|won zero seats|scored a duck|has no seats?|drew nil"
                r"|(?:been|was|were|got|is|are) wiped out"
            ),
        ),
        ("leading", _w(r"(?:is |was )?not leading in (?:a single|any) seat|leads in no seat")),
    ),
    seat_unit=re.compile(
        r"\s*(?:-\s*)?(?:(?:Assembly|assembly|Lok Sabha|Rajya Sabha|legislative) )?"
        r"(?:seats?|constituenc(?:y|ies)|ACs?|MLAs?|candidates?|members? elected)" + _R
    ),
    governed_by_verb=re.compile(
        r"(?:won|wins|winning|bagged|bags|secured|clinched|captured|grabbed|swept|retained|leads?|leading"
        r"|ahead|victory|got|managed?|reduced to|tally(?: of| to| at| stands at)?|with"
        # "reducing the Congress to 18 and the Akali Dal to three"
        r"|(?:reduc|restrict|confin)\w*\s+(?:the\s+)?[A-Z][^,;]{0,30}?\s+to)"
        r"(?:(?: only| just| merely)? (?:in|on|with|at))?(?: only| just| a mere| all| another| more)?\s*$",
        _I,
    ),
    governs_after=re.compile(r"(?!)"),
    anaphor=_w(r"it|its|the party|the outfit|they|their"),
    clause_break=re.compile(
        r",\s+|;\s*|:\s+|\s+[-–—]\s+|\(|\)|\s+while\s+|\s+whereas\s+|\s+but\s+|\s+even as\s+"
        r"|\s+and (?=(?:the )?[A-Z])|\s+as (?=(?:the )?[A-Z])",
    ),
    alliance_word=re.compile(
        r"^\s*(?:-led\s+)?(?:alliance|combine|bloc|coalition|front|partnership)" + _R, _I
    ),
    party_joiner=re.compile(r"^\s*(?:-|–|/|&|and|plus|with)\s*$", _I),
)
