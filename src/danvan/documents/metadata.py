"""Mapping the extraction result onto a Document, with corrections on top."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.db.models import Field, ProtectedError
from django.utils.text import capfirst

from danvan.core.doctypes import BY_CODE
from danvan.core.extract.analyse import ocr_origins
from danvan.core.text import DASHES, collapse_ws

from .models import Document, DocumentFigure
from .models.document import META_FIELDS
from .registry import number_key

DATE_FIELDS = {"issued_on", "period_start", "period_end"}
AUTHORITIES = {"TM", "KT", "TL", "TUQ", "Q"}
FIELD_LABELS = {
    name: capfirst(str(cast(Field, Document._meta.get_field(name)).verbose_name))
    for name in META_FIELDS
}


def extracted_values(result: dict[str, Any]) -> dict[str, Any]:
    """The metadata fields as the extractor found them (Python values)."""
    d = result.get("document") or {}
    period = d.get("period") or {}
    signer = d.get("signer") or {}
    doc_type = d.get("doc_type") or "other"
    values = {
        "doc_type": doc_type if doc_type in BY_CODE else "other",
        "number": d.get("number") or "",
        "issued_on": d.get("issued_on"),
        "place": d.get("place") or "",
        "issuer": d.get("issuer") or "",
        "title": d.get("title") or "",
        "period_label": period.get("label") or "",
        "period_start": period.get("start"),
        "period_end": period.get("end"),
        "signer_name": signer.get("name") or "",
        "signer_position": signer.get("position") or "",
        "signer_authority": signer.get("authority") or "",
        "signer_on_behalf_of": signer.get("on_behalf_of") or "",
        "recipients": [str(r) for r in (d.get("recipients") or []) if r],
    }
    return {name: from_json(name, value) for name, value in values.items()}


_ORIGIN_FIELDS = {
    "doc_type": ("doc_type",),
    "number": ("number",),
    "issued_on": ("issued_on", "place"),
    "issuer": ("issuer",),
    "title": ("title",),
    "signer": ("signer_name", "signer_position", "signer_authority", "signer_on_behalf_of"),
}


def to_confirm(result: dict[str, Any], corrected: Any) -> set[str]:
    """Header fields read by OCR that no officer has corrected yet: shown for confirmation.
    Names as ``ocr_origins`` gives them (``signer`` for the whole signature)."""
    origins = ocr_origins(list(result.get("checks") or []))
    return {
        name
        for name, origin in origins.items()
        if origin in ("ocr", "ocr_repaired")
        and name in _ORIGIN_FIELDS
        and not any(f in corrected for f in _ORIGIN_FIELDS[name])
    }


def from_json(name: str, value: Any) -> Any:
    """A stored (JSON) value → the model field's Python value."""
    if name in DATE_FIELDS:
        if not value:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    if name == "recipients":
        return [str(v) for v in (value or [])]
    if name == "signer_authority":
        value = str(value or "").strip(". ").upper()
        return value if value in AUTHORITIES else ""
    if name == "doc_type":
        return value if value in BY_CODE else "other"
    text = "" if value is None else str(value)
    limit = getattr(Document._meta.get_field(name), "max_length", None)
    return text[:limit] if limit else text


def to_json(name: str, value: Any) -> Any:
    if name in DATE_FIELDS:
        return value.isoformat() if value else None
    if name == "recipients":
        return list(value or [])
    return value


def apply_extraction(doc: Document, result: dict[str, Any], corrections: dict[str, Any]) -> None:
    values = extracted_values(result)
    for name, value in corrections.items():
        if name in values:
            values[name] = from_json(name, value)
    for name, value in values.items():
        setattr(doc, name, value)
    refresh_derived(doc)


def refresh_derived(doc: Document) -> None:
    doc.number_key = number_key(doc.number)
    year = doc.issued_on or doc.period_end or doc.period_start
    doc.year = year.year if year else None
    parts = [
        BY_CODE.get(doc.doc_type, BY_CODE["other"]).name,
        doc.number,
        doc.title,
        doc.issuer,
        doc.place,
        doc.signer_name,
        doc.period_label,
        doc.original_name,
        doc.text,
    ]
    doc.search_text = fold_long(" ".join(p for p in parts if p))


_FOLD_TABLE: dict[int, str] = {}


def fold_long(text: str) -> str:
    """danvan.core.text.fold for long texts, the same result several times faster.

    fold() works character by character (decompose, drop marks, casefold), so it
    can be done with one str.translate over a table of the characters seen."""
    table = _FOLD_TABLE
    if len(table) > 100_000:  # garbage with many distinct characters: start afresh
        table.clear()
    for ch in set(text):
        if ord(ch) not in table:
            base = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))
            table[ord(ch)] = "".join(c for c in base if not unicodedata.combining(c)).casefold()
    return collapse_ws(text.translate(table).translate(DASHES))


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 17:
        return None
    return number


def figure_values(f: dict[str, Any], text_len: int) -> dict[str, Any] | None:
    value = _decimal(f.get("value"))
    if value is None:
        return None
    start = max(0, min(int(f.get("start") or 0), text_len))
    end = max(start, min(int(f.get("end") or start), text_len))
    kind = f.get("kind") if f.get("kind") in ("result", "target", "state") else "result"
    pct = [_decimal(f.get(k)) for k in ("plan_percent", "change_percent")]
    pct = [p if p is not None and abs(p) < Decimal(10) ** 9 else None for p in pct]
    return {
        "start": start,
        "end": end,
        "text": str(f.get("text") or ""),
        "label": str(f.get("label") or ""),
        "value": value,
        "unit": str(f.get("unit") or "")[:120],
        "kind": kind,
        "plan_percent": pct[0],
        "change_percent": pct[1],
        "change_value": _decimal(f.get("change_value")),
        "target": _decimal(f.get("target")),
        "approximate": bool(f.get("approximate")),
    }


def sync_figures(doc: Document, figures: list[dict[str, Any]]) -> None:
    """Make the document's figures match the extraction.

    A figure found again at the same place with the same value keeps its row
    (and id), so links other features made to it survive a re-extraction.
    """
    wanted = [v for v in (figure_values(f, len(doc.text)) for f in figures) if v]
    existing = {(f.start, f.end, f.value): f for f in doc.figures.all()} if doc.pk else {}
    create: list[DocumentFigure] = []
    kept: set[int] = set()
    for position, values in enumerate(wanted):
        key = (values["start"], values["end"], values["value"])
        row = existing.pop(key, None)
        if row is not None:
            for name, value in values.items():
                setattr(row, name, value)
            row.position = position
            row.save()
            kept.add(row.pk)
        else:
            create.append(DocumentFigure(document=doc, position=position, **values))
    for stale in existing.values():
        try:
            stale.delete()
        except ProtectedError:
            # Another feature still points at it: keep it rather than lose that link.
            pass
    DocumentFigure.objects.bulk_create(create)
