"""Citing other documents the way Nghị định 30/2020 asks (Phụ lục I Mục II.6 b).

First mention: type, number and symbol, date, issuer and trích yếu
("Kế hoạch số 130/KH-TTDVVL ngày 09/3/2022 của Trung tâm Dịch vụ việc làm
Sơn La về triển khai công tác dân vận năm 2022"); laws and ordinances: type and
name only ("Luật Thi đua, khen thưởng"). Later mentions: type and number
("Kế hoạch số 130/KH-TTDVVL"). A Citer remembers what one document has cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from danvan.core.dates import format_date_short
from danvan.core.doctypes import BY_CODE
from danvan.core.text import collapse_ws, nfc

# Types cited by name only (Mục II.6 b: "đối với Luật và Pháp lệnh").
NAME_ONLY_TYPES: dict[str, str] = {"luat": "Luật", "bo_luat": "Bộ luật", "phap_lenh": "Pháp lệnh"}

_ABOUT = re.compile(r"^(?:v/v|về việc|về)\s+", re.IGNORECASE)
_NUMBER_SPACES = re.compile(r"\s*([/-])\s*")


@dataclass(frozen=True)
class LegalRef:
    """A document cited in another one.

    doc_type: code from danvan.core.doctypes ("ke_hoach"); for laws, title is
    the law's name ("Thi đua, khen thưởng"). number: "130/KH-TTDVVL".
    """

    doc_type: str
    number: str | None = None
    issued_on: date | None = None
    issuer: str | None = None
    title: str | None = None

    def key(self) -> tuple[str, str]:
        if self.number:
            return self.doc_type, normalise_number(self.number).casefold()
        return self.doc_type, collapse_ws(self.title or "").casefold()


def normalise_number(number: str) -> str:
    """ "20- NQ/TU" → "20-NQ/TU": no spaces around "/" and "-", dashes unified."""
    text = nfc(number).translate(
        dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
    )
    return _NUMBER_SPACES.sub(r"\1", collapse_ws(text))


def type_name(code: str) -> str:
    if code in NAME_ONLY_TYPES:
        return NAME_ONLY_TYPES[code]
    try:
        return BY_CODE[code].name
    except KeyError:
        raise ValueError(f"unknown document type code: {code!r}") from None


def _about(title: str) -> str:
    """Trích yếu as it follows a citation: "về …" exactly once."""
    text = collapse_ws(nfc(title))
    text = _ABOUT.sub("", text)
    return f"về {text}" if text else ""


def cite_first(ref: LegalRef) -> str:
    name = type_name(ref.doc_type)
    if ref.doc_type in NAME_ONLY_TYPES:
        return collapse_ws(f"{name} {nfc(ref.title or '')}")
    parts = [name]
    if ref.number:
        parts.append(f"số {normalise_number(ref.number)}")
    if ref.issued_on is not None:
        parts.append(f"ngày {format_date_short(ref.issued_on)}")
    if ref.issuer:
        parts.append(f"của {collapse_ws(nfc(ref.issuer))}")
    if ref.title:
        parts.append(_about(ref.title))
    return " ".join(p for p in parts if p)


def cite_again(ref: LegalRef) -> str:
    if ref.doc_type in NAME_ONLY_TYPES or not ref.number:
        return cite_first(ref)
    return f"{type_name(ref.doc_type)} số {normalise_number(ref.number)}"


@dataclass
class Citer:
    """Cites each reference in full the first time, shortly afterwards.

    One Citer per generated document: ``citer.cite(ref)``.
    """

    cited: set[tuple[str, str]] = field(default_factory=set)

    def cite(self, ref: LegalRef) -> str:
        key = ref.key()
        if key in self.cited:
            return cite_again(ref)
        self.cited.add(key)
        return cite_first(ref)

    def was_cited(self, ref: LegalRef) -> bool:
        return ref.key() in self.cited
