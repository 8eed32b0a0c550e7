"""The text-analysis pipeline: plain text in, danvan.extraction/1 dict out.

Steps, each a function over plain data that can be tested alone:
document (header/footer) → period → citations → figures → checks.
"""

from __future__ import annotations

import re
from typing import Any

from danvan.core.extract.checks import Check, run_checks
from danvan.core.extract.citations import find_citations
from danvan.core.extract.document import (
    DocumentInfo,
    Signer,
    expand_issuer,
    issuer_from_body,
    read_document,
    sentence_case,
)
from danvan.core.extract.figures import NumberNote, find_figures
from danvan.core.extract.header_ocr import repair_surname
from danvan.core.extract.normalise import repair_ocr_noise
from danvan.core.extract.periods import PeriodMention, find_periods
from danvan.core.extract.portal import portal_fields
from danvan.core.extract.textmap import FlatText
from danvan.core.text import collapse_ws

SCHEMA = "danvan.extraction/1"


# "Bộ luật Lao động năm 2019", "Hiến pháp năm 2013": the year names the law, not a period
_NAMED_LAW = re.compile(
    r"(?:Bộ\s+luật|Luật|Hiến\s+pháp|Pháp\s+lệnh)(?:\s+[A-ZĐ\u00c0-\u1ef9][^\s,;]*){0,6}"
    r"(?:\s+[^\s,;]+){0,3}\s*$"
)
# "Đến năm 2025, phấn đấu ...": a deadline, not the period the document is about
_DEADLINE = re.compile(r"(?:đến|tới|trước|sau|từ)\s*$", re.IGNORECASE)


# "ngày 15 tháng 6 năm 2022": the year of a date, not a period
_DATE_BEFORE = re.compile(r"tháng\s+\d{1,2}\s*$", re.IGNORECASE)


def _year_of_a_law_or_date(text: str, p: PeriodMention) -> bool:
    if not p.label.lower().startswith("năm"):
        return False
    before = text[: p.begin]
    return bool(_DATE_BEFORE.search(before[-12:]) or _NAMED_LAW.search(before))


def document_period(
    title: str | None, flat: str, body_start: int, default_year: int | None
) -> PeriodMention | None:
    """The period the document reports on or plans for: the first one in the trích yếu
    (not the year of a named law), else the first one in the opening of the body
    (not a deadline)."""
    first_in_title = None
    if title:
        found = find_periods(title, default_year)
        kept = [p for p in found if not _year_of_a_law_or_date(title, p)]
        if kept:
            return kept[0]
        first_in_title = found[0] if found else None
    opening = flat[body_start : body_start + 1500]
    found = [
        p
        for p in find_periods(opening, default_year)
        if "giai đoạn" not in p.label.lower()
        and not _DEADLINE.search(opening[max(0, p.begin - 8) : p.begin])
        and not _year_of_a_law_or_date(opening, p)
    ]
    if found:
        return found[0]
    return first_in_title


def fill_from_portal(info: DocumentInfo, text: str) -> None:
    """Fields the header did not give, from a portal's property block."""
    portal = portal_fields(text)
    if not portal.found():
        return
    info.doc_type = info.doc_type or portal.doc_type
    info.number = info.number or portal.number
    info.issued_on = info.issued_on or portal.issued_on
    info.issuer = info.issuer or portal.issuer
    info.title = info.title or portal.title
    if portal.signer and (info.signer is None or info.signer.name is None):
        position = sentence_case(portal.position) if portal.position else None
        if info.signer is None:
            info.signer = Signer(name=portal.signer, position=position)
        else:
            info.signer.name = portal.signer
            info.signer.position = info.signer.position or position


# Header fields and how a check names them; the contract has no key for a field's
# origin, so OCR-read fields are reported as checks (kind "other") a person confirms.
ORIGIN_LABELS = {
    "doc_type": "Loại văn bản",
    "number": "Số, ký hiệu",
    "issued_on": "Ngày ban hành",
    "issuer": "Cơ quan ban hành",
    "title": "Trích yếu",
    "signer": "Người ký",
}
_ORIGIN_CHECK = re.compile(r"^“(.+?)” đọc bằng OCR(, đã sửa lỗi nhận dạng)?; cần xác nhận")


def field_origins(info: DocumentInfo, ocr: tuple[bool, bool]) -> dict[str, str]:
    """Where each header field came from: "text" (a text layer or a text file), "ocr",
    or "ocr_repaired" (OCR with a look-alike repaired: "I0" read as 10). The header is on
    the first page, the signature on the last one."""
    out = {}
    for name in ORIGIN_LABELS:
        from_ocr = ocr[1] if name == "signer" else ocr[0]
        if not from_ocr:
            out[name] = "text"
        else:
            out[name] = "ocr_repaired" if name in info.repaired else "ocr"
    return out


def origin_checks(info: DocumentInfo, ocr: tuple[bool, bool]) -> list[Check]:
    """A check per header field found and read by OCR."""
    found = {
        "doc_type": info.doc_type,
        "number": info.number,
        "issued_on": info.issued_on,
        "issuer": info.issuer,
        "title": info.title,
        "signer": info.signer,
    }
    out = []
    for name, origin in field_origins(info, ocr).items():
        if origin == "text" or not found[name]:
            continue
        repaired = ", đã sửa lỗi nhận dạng" if origin == "ocr_repaired" else ""
        message = f"“{ORIGIN_LABELS[name]}” đọc bằng OCR{repaired}; cần xác nhận theo bản gốc."
        out.append(Check("other", message, 0, 0))
    return out


def ocr_origins(checks: list[dict[str, Any]]) -> dict[str, str]:
    """The origins that ``origin_checks`` reported, read back from an extraction's checks."""
    by_label = {label: name for name, label in ORIGIN_LABELS.items()}
    out = {}
    for check in checks:
        m = _ORIGIN_CHECK.match(str(check.get("message") or ""))
        if check.get("kind") == "other" and m and m.group(1) in by_label:
            out[by_label[m.group(1)]] = "ocr_repaired" if m.group(2) else "ocr"
    return out


def analyse(text: str, source: str, ocr: tuple[bool, bool] = (False, False)) -> dict[str, Any]:
    """Analyse one document's text (already NFC); offsets index into ``text``. ``ocr``:
    whether the first and the last page were read by OCR (for ``origins``)."""
    text = repair_ocr_noise(text)  # same length: offsets still index the text as given
    flat = FlatText.of(text)
    info = read_document(text)
    fill_from_portal(info, text)
    if ocr[1] and info.signer is not None and info.signer.name:
        repaired = repair_surname(info.signer.name)
        if repaired:
            info.signer.name = repaired
            info.repaired.add("signer")
    named = issuer_from_body(flat.text, info.doc_type)
    if info.issuer is None:
        info.issuer = named
    elif named:
        info.issuer = expand_issuer(info.issuer, named)
    body_flat_start = len(collapse_ws(text[: info.body_start]))
    default_year = info.issued_on.year if info.issued_on else None
    period = document_period(info.title, flat.text, body_flat_start, default_year)
    citations = find_citations(text, flat, own_number=info.number)
    notes: list[NumberNote] = []
    figures = find_figures(text, flat, info, period, notes)
    checks = run_checks(text, flat, info, period, citations, figures, notes)
    checks[:0] = [Check("other", note, 0, 0) for note in info.notes] + origin_checks(info, ocr)
    return {
        "schema": SCHEMA,
        "source": source,
        "document": {
            "doc_type": info.doc_type,
            "number": info.number,
            "issued_on": info.issued_on.isoformat() if info.issued_on else None,
            "place": info.place,
            "issuer": info.issuer,
            "title": info.title,
            "period": period.as_dict() if period else None,
            "recipients": info.recipients,
            "signer": info.signer.as_dict() if info.signer else None,
        },
        "citations": [c.as_dict() for c in citations],
        "figures": [f.as_dict() for f in figures],
        "checks": [c.as_dict() for c in checks],
    }
