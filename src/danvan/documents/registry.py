"""The legal-reference registry: keys, linking, and conflict flags.

A cited document is keyed by (doc type, normalised number). Citations of the
same key that disagree on date or issuer, one number cited under two types,
and two numbers with the same type, date and issuer are flagged on the entry
(`conflict`, `conflict_notes`, `variants`) for a person to look at; nothing
is merged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

from django.db.models import Q

from danvan.core.doctypes import BY_CODE
from danvan.core.text import fold

from .models import Citation, Document, LegalReference

_SPACES = re.compile(r"\s+")
# Standard Vietnamese administrative abbreviations, expanded only to compare issuers.
_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "btv": "ban thuong vu",
    "bch": "ban chap hanh",
    "tbxh": "thuong binh va xa hoi",
    "ld": "lao dong",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "tu": "tinh uy",
    "tw": "trung uong",
    "mttq": "mat tran to quoc",
}
_WORD = re.compile(r"[a-z0-9]+")


def number_key(number: str | None) -> str:
    """'22 - CTr/BCSĐ - BDVTU' and '22-CTr/BCSĐ-BDVTU' give the same key."""
    if not number:
        return ""
    return _SPACES.sub("", fold(number)).upper()[:120]


def issuer_key(issuer: str | None) -> str:
    if not issuer:
        return ""
    words = _WORD.findall(fold(issuer))
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def same_issuer(a: str, b: str) -> bool:
    """Issuer keys match when one contains the other ('UBND tỉnh' / 'UBND tỉnh Sơn La')."""
    ka, kb = issuer_key(a), issuer_key(b)
    if not ka or not kb:
        return True
    return ka in kb or kb in ka


def _issuer_groups(issuers: Iterable[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    for name in issuers:
        for group in groups:
            if any(same_issuer(name, other) for other in group):
                group.append(name)
                break
        else:
            groups.append([name])
    return groups


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _fmt(value: dt.date | None) -> str:
    return f"{value.day:02d}/{value.month}/{value.year}" if value else "không rõ ngày"


def reference_for(doc_type: str, number: str) -> LegalReference:
    """The registry entry for this key, created on first sight."""
    key = number_key(number)
    ref, created = LegalReference.objects.get_or_create(
        doc_type=doc_type, number_key=key, defaults={"number": number.strip()[:120]}
    )
    if created:
        # An archived document that IS this reference links to it.
        Document.objects.filter(
            doc_type=doc_type, number_key=key, legal_reference__isnull=True
        ).update(legal_reference=ref)
    return ref


def link_document(document: Document) -> set[int]:
    """Point the document at the registry entry it is, if one exists. Returns refs to refresh."""
    touched: set[int] = set()
    if document.legal_reference_id:
        touched.add(document.legal_reference_id)
    ref = None
    if document.number_key:
        ref = LegalReference.objects.filter(
            doc_type=document.doc_type, number_key=document.number_key
        ).first()
    new_id = ref.pk if ref else None
    if new_id != document.legal_reference_id:
        Document.objects.filter(pk=document.pk).update(legal_reference=ref)
        document.legal_reference = ref
    if new_id:
        touched.add(new_id)
    return touched


def refresh(ref_ids: Iterable[int]) -> None:
    """Recompute metadata, variants and conflict flags of these entries and their
    neighbours (same number under another type; same date)."""
    ids = set(ref_ids)
    if not ids:
        return
    refs = list(LegalReference.objects.filter(pk__in=ids))
    keys = {r.number_key for r in refs}
    for r in refs:
        _recompute_metadata(r)
    dates = {r.issued_on for r in refs if r.issued_on}
    neighbours = LegalReference.objects.filter(Q(number_key__in=keys) | Q(issued_on__in=dates))
    for r in [*refs, *neighbours.exclude(pk__in=ids)]:
        _recompute_conflicts(r)


def _recompute_metadata(ref: LegalReference) -> None:
    cites = list(
        Citation.objects.filter(reference=ref).values_list("issued_on", "issuer", "number")
    )
    archived = list(
        Document.objects.filter(legal_reference=ref).values_list("issued_on", "issuer", "title")
    )
    variants: Counter[tuple[str | None, str]] = Counter()
    for issued_on, issuer, _ in cites:
        variants[(_iso(issued_on), issuer or "")] += 1
    ref.variants = [
        {"issued_on": d, "issuer": i, "count": n}
        for (d, i), n in sorted(variants.items(), key=lambda kv: (-kv[1], kv[0][0] or "", kv[0][1]))
    ]
    if cites:
        ref.number = Counter(n for _, _, n in cites).most_common(1)[0][0]
    if archived:
        # The document itself is the best source of its own metadata.
        issued_on, issuer, title = archived[0]
        ref.issued_on, ref.issuer, ref.title = issued_on, issuer or "", title or ""
    else:
        dates = Counter(d for d, _, _ in cites if d)
        issuers = Counter(i for _, i, _ in cites if i)
        ref.issued_on = dates.most_common(1)[0][0] if dates else None
        ref.issuer = issuers.most_common(1)[0][0] if issuers else ""
    ref.save(update_fields=["variants", "number", "issued_on", "issuer", "title", "updated_at"])


def _recompute_conflicts(ref: LegalReference) -> None:
    notes: list[str] = []
    cites = list(Citation.objects.filter(reference=ref).values_list("issued_on", "issuer"))
    archived = list(Document.objects.filter(legal_reference=ref).values_list("issued_on", "issuer"))
    seen = cites + archived
    dates = sorted({d for d, _ in seen if d})
    if len(dates) > 1:
        notes.append(
            "Được dẫn với nhiều ngày ban hành khác nhau: " + ", ".join(map(_fmt, dates)) + "."
        )
    groups = _issuer_groups(sorted({i for _, i in seen if i}))
    if len(groups) > 1:
        names = "; ".join(f"“{g[0]}”" for g in groups)
        notes.append(f"Được dẫn với các cơ quan ban hành khác nhau: {names}.")
    others = LegalReference.objects.filter(number_key=ref.number_key).exclude(pk=ref.pk)
    for other in others:
        notes.append(
            f"Cùng số {other.number} nhưng được dẫn là "
            f"{BY_CODE.get(other.doc_type, BY_CODE['other']).name}."
        )
    if ref.issued_on:
        same_day = LegalReference.objects.filter(
            doc_type=ref.doc_type, issued_on=ref.issued_on
        ).exclude(pk=ref.pk)
        for other in same_day:
            if ref.issuer and other.issuer and same_issuer(ref.issuer, other.issuer):
                notes.append(
                    f"Cùng loại, ngày {_fmt(ref.issued_on)} và cơ quan ban hành với số "
                    f"{other.number}: có thể là một văn bản in với hai số khác nhau."
                )
    conflict = bool(notes)
    if conflict != ref.conflict or notes != ref.conflict_notes:
        ref.conflict, ref.conflict_notes = conflict, notes
        ref.save(update_fields=["conflict", "conflict_notes", "updated_at"])


def store_citations(document: Document, citations: list[dict]) -> set[int]:
    """Replace the document's citations; returns the registry ids to refresh."""
    touched = set(Citation.objects.filter(document=document).values_list("reference_id", flat=True))
    Citation.objects.filter(document=document).delete()
    rows = []
    for position, c in enumerate(citations):
        number = (c.get("number") or "").strip()
        doc_type = c.get("doc_type") or "other"
        if not number or not number_key(number):
            continue  # unnumbered citations are not registry entries
        if doc_type not in BY_CODE:
            doc_type = "other"
        ref = reference_for(doc_type, number)
        touched.add(ref.pk)
        rows.append(
            Citation(
                document=document,
                reference=ref,
                position=position,
                doc_type=doc_type,
                number=number[:120],
                issued_on=_date(c.get("issued_on")),
                issuer=(c.get("issuer") or "")[:255],
                text=c.get("text") or "",
                start=max(int(c.get("start") or 0), 0),
                end=max(int(c.get("end") or 0), 0),
            )
        )
    Citation.objects.bulk_create(rows)
    return touched


def _date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def prune(ref_ids: Iterable[int]) -> None:
    """Drop registry entries nobody cites any more (and nobody links to)."""
    for ref in LegalReference.objects.filter(pk__in=set(ref_ids)):
        if not ref.citations.exists():
            Document.objects.filter(legal_reference=ref).update(legal_reference=None)
            ref.delete()
