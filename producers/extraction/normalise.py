"""One spelling for the same text before any rule reads it.

News copy writes the same word several ways: composed and decomposed Devanagari, curly and
straight quotes, zero-width joiners inside Hindi words. Every phrase list and alias is
written once, in the folded form this module produces, so no rule needs two spellings.
"""

from __future__ import annotations

import unicodedata

__all__ = ["normalise"]

_FOLD = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u02bc": "'",  # ʼ
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u00a0": " ",  # no-break space
        "\u2009": " ",  # thin space
        "\u200b": None,  # zero-width space
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\ufeff": None,  # byte-order mark
    }
)


def normalise(text: str) -> str:
    """Unicode NFC with quotes, spaces and zero-width characters folded."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)
