"""Comparing people's and organisations' names across registers (stdlib only).

GIAS, Companies House and the trust's own registers spell the same name differently:
"Siobhán Ó Briain", "SIOBHAN O'BRIAIN", "O BRIAIN, Siobhan". The rulebook's reconciliation
section says names are compared with case, accents, apostrophes, hyphens and spaces folded away,
and that letters with no Unicode decomposition fold too (Ł to L, Ø to O, Đ to D, ß to ss).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD leaves alone because they are letters in their own right, not a base letter
# plus a mark. Keys are the lowercase forms: folding casefolds first.
_LETTER_FOLDS = str.maketrans({
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",  # eth, which looks like Đ in capitals
    "ħ": "h",
    "ŧ": "t",
    "ı": "i",  # dotless i
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ß": "ss",  # casefold already does this; kept so the table is the whole story
    "ĳ": "ij",
})


def fold_letters(text: str) -> str:
    """Casefold, strip accents and fold letters without a decomposition; keep everything else."""
    folded = text.casefold()
    if folded.isascii():  # most names: nothing to decompose, and the table maps only non-ASCII
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_LETTER_FOLDS)


_NOT_ASCII_ALNUM = re.compile(r"[^0-9a-z]+")  # what isalnum() drops from casefolded ASCII


@lru_cache(maxsize=65536)
def fold_name(text: str | None) -> str:
    """A person's name reduced to what matters for matching.

    Case, accents, apostrophes, hyphens, spaces and any other punctuation are folded away, and
    letters without a decomposition are spelled out (Ł -> l, Ø -> o, Đ -> d, ß -> ss, æ -> ae,
    œ -> oe, Þ -> th, ı -> i), so "Siobhán Ó Briain" and "SIOBHAN O'BRIAIN" both give
    "siobhanobriain". Letters and digits of any script are kept.
    """
    if not text:
        return ""
    folded = fold_letters(text)
    if folded.isascii():  # most names: one regex pass instead of a test per character
        return _NOT_ASCII_ALNUM.sub("", folded)
    return "".join(ch for ch in folded if ch.isalnum())


def split_ch_name(name: str) -> tuple[str, str]:
    """Split a Companies House officer name into (forename, surname).

    Companies House writes "SURNAME, Forename Middle" (sometimes with a title after a second
    comma: "SMITH, Jane, Dr"); the forename is the first given name. A name without a comma is
    read as "Forename ... Surname".
    """
    text = " ".join(str(name or "").split())
    if "," in text:
        surname, _, rest = text.partition(",")
        given = rest.split(",")[0].split()
        return (given[0] if given else "", surname.strip())
    words = text.split()
    if not words:
        return ("", "")
    if len(words) == 1:
        return ("", words[0])
    return (words[0], words[-1])


# Words that say what kind of company it is, not which one (RPT-07).
_ORG_NOISE_WORDS = frozenset({"the", "ltd", "limited", "plc", "llp"})
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def normalise_org(name: str | None) -> str:
    """An organisation's name as a matching key (RPT-07 and the related-party rules).

    - case and accents are folded (as in `fold_name`);
    - apostrophes are dropped ("St Mary's" = "St Marys"); "&" reads as "and";
    - every other punctuation mark separates words ("Smith-Jones Ltd." = "Smith Jones Ltd");
    - the words "the", "ltd", "limited", "plc" and "llp" are ignored wherever they stand;
    - the remaining words are joined by single spaces.

    So "The Smith Partnership Ltd" and "SMITH PARTNERSHIP LIMITED" both give
    "smith partnership", while "Smithson Ltd" ("smithson") does not match "Smith Ltd" ("smith").
    """
    if not name:
        return ""
    text = _APOSTROPHES.sub("", fold_letters(name)).replace("&", " and ")
    words = [w for w in _NOT_WORD.split(text) if w and w not in _ORG_NOISE_WORDS]
    return " ".join(words)


def normalise_company_number(number: str | None) -> str:
    """Companies House numbers compare without spaces and case; 8-digit numbers keep leading
    zeros, and a shorter all-digit number is padded to 8 (spreadsheets drop leading zeros)."""
    text = "".join(str(number or "").split()).upper()
    if text.isdigit() and len(text) < 8:
        text = text.zfill(8)
    return text
