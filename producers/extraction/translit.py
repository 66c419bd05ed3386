"""Name matching across scripts: Devanagari to Latin, Latin to Devanagari, and match keys.

Hindi copy writes "डोडा" and "मेहराज मलिक" where the Election Commission writes "DODA" and
"MEHRAJ MALIK". Neither script maps one-to-one onto the other, so names are compared on a
*consonant skeleton* (vowels, aspiration and doubling dropped) and ranked by a looser
similarity; both are deterministic and need no model.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = ["name_similarity", "romanize", "skeleton", "to_devanagari"]

_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n",
    "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n",
    "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m",
    "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s", "ह": "h",
    "ळ": "l",
}  # fmt: skip
_NUKTA_FORMS = {"क": "q", "ख": "kh", "ग": "g", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f", "य": "y"}
_VOWELS = {
    "अ": "a", "आ": "aa", "इ": "i", "ई": "ee", "उ": "u", "ऊ": "oo", "ऋ": "ri",
    "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e",
}  # fmt: skip
_MATRAS = {
    "ा": "aa", "ि": "i", "ी": "ee", "ु": "u", "ू": "oo", "ृ": "ri",
    "े": "e", "ै": "ai", "ो": "o", "ौ": "au", "ॉ": "o", "ॅ": "e",
}  # fmt: skip
_VIRAMA = "्"
_NUKTA = "़"
_NASALS = {"ं": "n", "ँ": "n", "ः": "h"}


def romanize(text: str) -> str:
    """A plain Latin reading of Devanagari (Latin passes through), e.g. "डोडा" -> "doda"."""
    text = unicodedata.normalize("NFD", text)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _CONSONANTS:
            sound = _CONSONANTS[ch]
            i += 1
            if i < n and text[i] == _NUKTA:
                sound = _NUKTA_FORMS.get(ch, sound)
                i += 1
            out.append(sound)
            if i < n and text[i] in _MATRAS:
                out.append(_MATRAS[text[i]])
                i += 1
            elif i < n and text[i] == _VIRAMA:
                i += 1
            else:
                # Hindi drops the inherent vowel at a word's end ("मलिक" is "malik").
                at_end = i >= n or not ("\u0900" <= text[i] <= "\u097f")
                if not at_end:
                    out.append("a")
            continue
        if ch in _VOWELS:
            out.append(_VOWELS[ch])
        elif ch in _NASALS:
            out.append(_NASALS[ch])
        elif ch in _MATRAS:
            out.append(_MATRAS[ch])
        elif ch in (_VIRAMA, _NUKTA):
            pass
        else:
            out.append(ch)
        i += 1
    return "".join(out).lower()


def _normalise_latin(word: str) -> str:
    word = re.sub(r"[^a-z]", "", word.lower())
    word = word.replace("x", "ks").replace("q", "k").replace("z", "j").replace("w", "v")
    word = word.replace("ph", "f").replace("ch", "0").replace("c", "k").replace("0", "ch")
    word = re.sub(r"([^aeiou])h", r"\1", word)  # aspiration: "bh", "singh", "shakti"
    word = re.sub(r"ng$", "n", word)  # "singh" and "सिंह" both end in a nasal
    word = re.sub(r"m([bp])", r"n\1", word)  # anusvara is written "m" before labials
    word = re.sub(r"(.)\1+", r"\1", word)
    return word


@lru_cache(maxsize=1 << 16)  # bounded: live copy brings an open-ended vocabulary
def skeleton(name: str) -> str:
    """Consonant skeleton per word: "Mehraj Malik" and "मेहराज मलिक" both give "mhrj mlk"."""
    words = [_normalise_latin(w) for w in romanize(name).split()]
    keys = [re.sub(r"[aeiou]", "", w) or w[:1] for w in words if w]
    return " ".join(k for k in keys if k)


@lru_cache(maxsize=1 << 16)  # bounded: live copy brings an open-ended vocabulary
def _loose(name: str) -> str:
    words = []
    for word in romanize(name).split():
        w = _normalise_latin(word)
        w = w.replace("ee", "i").replace("oo", "u").replace("ai", "e").replace("au", "o")
        w = re.sub(r"(.)\1+", r"\1", w)
        if len(w) > 2 and w.endswith("a"):
            w = w[:-1]
        words.append(w)
    return " ".join(w for w in words if w)


@lru_cache(maxsize=1 << 16)  # bounded: live copy brings an open-ended vocabulary
def name_similarity(a: str, b: str) -> float:
    """0..1 similarity of two names in any mix of scripts; 1.0 for the same reading."""
    la, lb = _loose(a), _loose(b)
    if not la or not lb:
        return 0.0
    return SequenceMatcher(None, la, lb).ratio()


_LATIN_CONS = [
    ("chh", "छ"), ("ksh", "क्ष"), ("sh", "श"), ("ch", "च"), ("kh", "ख"), ("gh", "घ"),
    ("jh", "झ"), ("th", "थ"), ("dh", "ध"), ("ph", "फ"), ("bh", "भ"), ("k", "क"), ("g", "ग"),
    ("c", "क"), ("j", "ज"), ("t", "त"), ("d", "द"), ("n", "न"), ("p", "प"), ("f", "फ़"),
    ("b", "ब"), ("m", "म"), ("y", "य"), ("r", "र"), ("l", "ल"), ("v", "व"), ("w", "व"),
    ("s", "स"), ("h", "ह"), ("z", "ज़"), ("q", "क़"), ("x", "क्स"),
]  # fmt: skip
_LATIN_VOWELS = [
    ("aa", "आ", "ा"), ("ee", "ई", "ी"), ("oo", "ऊ", "ू"), ("ai", "ऐ", "ै"), ("au", "औ", "ौ"),
    ("a", "अ", ""), ("e", "ए", "े"), ("i", "इ", "ि"), ("o", "ओ", "ो"), ("u", "उ", "ु"),
]  # fmt: skip


def _word_to_devanagari(word: str) -> str:
    out: list[str] = []
    i, n = 0, len(word)
    pending = False  # the last consonant still waits for its vowel
    while i < n:
        for latin, deva, matra in _LATIN_VOWELS:
            if word.startswith(latin, i):
                if pending:
                    # A final "a" is long in Indian names: "Doda" is "डोडा".
                    if latin == "a" and i + 1 == n:
                        matra = "ा"
                    if latin == "i" and i + 1 == n:
                        matra = "ी"
                    out.append(matra)
                else:
                    out.append(deva)
                pending = False
                i += len(latin)
                break
        else:
            for latin, deva in _LATIN_CONS:
                if word.startswith(latin, i):
                    nxt = word[i + len(latin) : i + len(latin) + 1]
                    if latin == "n" and pending is False and out and nxt and nxt not in "aeiou":
                        out.append("ं")
                        i += 1
                        break
                    if pending:
                        out.append(_VIRAMA)
                    out.append(deva)
                    pending = True
                    i += len(latin)
                    break
            else:
                out.append(word[i])
                pending = False
                i += 1
    return unicodedata.normalize("NFC", "".join(out))


def to_devanagari(name: str) -> str:
    """A rough Devanagari spelling of a Latin name ("Doda" -> "दोडा"-like); for display and
    as a starting point, never as the only way to match (matching uses :func:`skeleton`)."""
    words = re.findall(r"[A-Za-z]+|[^A-Za-z]+", name)
    return "".join(_word_to_devanagari(w.lower()) if w.isalpha() else w for w in words)
