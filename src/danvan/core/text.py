"""Unicode helpers for Vietnamese text: NFC, folding for search."""

from __future__ import annotations

import unicodedata
from typing import Any

DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfc_deep(value: Any) -> Any:
    """`value` with every string in it (nested dict keys and values, lists) in NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc_deep(k): nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    return value


def collapse_ws(text: str) -> str:
    """Whitespace runs as single spaces, none at either end (str.split's whitespace is
    the same set as the regular expression ``\\s``)."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """A search key: no diacritics, no case, đ → d, whitespace collapsed.

    "Dân vận khéo" and "dan van kheo" fold to the same key.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return collapse_ws(stripped.casefold().translate(DASHES))
