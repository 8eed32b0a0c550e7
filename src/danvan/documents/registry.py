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

from django.db.models import Count, Q

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
    """Recompute metadata, variants and conflict flags of these entries and of
    their neighbours (same number under another type; same type and date), in
    a fixed number of queries whatever the archive's size."""
    ids = set(ref_ids)
    if not ids:
        return
    refs = {r.pk: r for r in LegalReference.objects.filter(pk__in=ids)}
    seen = _evidence(refs)
    fields = ["variants", "number", "issued_on", "issuer", "title"]
    dirty: dict[int, LegalReference] = {}
    for ref in refs.values():
        before = [getattr(ref, f) for f in fields]
        _recompute_metadata(ref, *seen.get(ref.pk, ([], [])))
        if [getattr(ref, f) for f in fields] != before:
            dirty[ref.pk] = ref
            LegalReference.objects.filter(pk=ref.pk).update(**{f: getattr(ref, f) for f in fields})
    # One more citation of an already known variant changes no flag: only entries
    # whose metadata or set of variants changed, and their neighbours, are re-flagged.
    refs = dirty
    if not refs:
        return
    # Neighbours whose flags may change, then everything their flags depend on.
    group = dict(refs)
    group.update({r.pk: r for r in _around(refs.values()) if r.pk not in group})
    context = dict(group)
    context.update({r.pk: r for r in _around(group.values()) if r.pk not in context})
    seen.update(_evidence({k: v for k, v in group.items() if k not in seen}))
    by_key: dict[str, list[LegalReference]] = {}
    by_day: dict[tuple[str, dt.date], list[LegalReference]] = {}
    for r in context.values():
        by_key.setdefault(r.number_key, []).append(r)
        if r.issued_on:
            by_day.setdefault((r.doc_type, r.issued_on), []).append(r)
    changed = []
    for ref in group.values():
        cites, archived = seen.get(ref.pk, ([], []))
        notes = _conflict_notes(ref, cites + archived, by_key, by_day)
        if bool(notes) != ref.conflict or notes != ref.conflict_notes:
            ref.conflict, ref.conflict_notes = bool(notes), notes
            changed.append(ref)
    for ref in changed:
        LegalReference.objects.filter(pk=ref.pk).update(
            conflict=ref.conflict, conflict_notes=ref.conflict_notes
        )


Seen = list[tuple[dt.date | None, str, str, int]]


def _evidence(refs: dict[int, LegalReference]) -> dict[int, tuple[Seen, Seen]]:
    """(citations, archived copies) per entry, as distinct (date, issuer,
    number|title, count): grouped in SQL, so the cost follows the number of
    variants, not the number of citing documents."""
    out: dict[int, tuple[Seen, Seen]] = {pk: ([], []) for pk in refs}
    if not refs:
        return out
    cites = (
        Citation.objects.filter(reference_id__in=list(refs))
        .values_list("reference_id", "issued_on", "issuer", "number")
        .annotate(n=Count("id"))
        .order_by()
    )
    for pk, issued_on, issuer, number, n in cites:
        out[pk][0].append((issued_on, issuer or "", number, n))
    copies = (
        Document.objects.filter(legal_reference_id__in=list(refs))
        .values_list("legal_reference_id", "issued_on", "issuer", "title")
        .order_by("pk")[:1000]
    )
    for pk, issued_on, issuer, title in copies:
        out[pk][1].append((issued_on, issuer or "", title or "", 1))
    return out


def _around(refs: Iterable[LegalReference]) -> list[LegalReference]:
    refs = list(refs)
    keys = {r.number_key for r in refs}
    days = {r.issued_on for r in refs if r.issued_on}
    if not keys and not days:
        return []
    return list(LegalReference.objects.filter(Q(number_key__in=keys) | Q(issued_on__in=days)))


def _recompute_metadata(ref: LegalReference, cites: Seen, archived: Seen) -> None:
    # Distinct (date, issuer) pairs from citations and archived copies; counts are
    # shown from the citations themselves (variant_counts), so they need no write here.
    pairs = {(_iso(d), i) for d, i, _, _ in cites} | {(_iso(d), i) for d, i, _, _ in archived}
    ref.variants = [
        {"issued_on": d, "issuer": i} for d, i in sorted(pairs, key=lambda p: (p[0] or "", p[1]))
    ]
    if cites:
        numbers: Counter[str] = Counter()
        for _, _, number, n in cites:
            numbers[number] += n
        ref.number = numbers.most_common(1)[0][0]
    if archived:
        # The document itself is the best source of its own metadata.
        ref.issued_on, ref.issuer, ref.title, _ = archived[0]
    else:
        dates: Counter[dt.date] = Counter()
        issuers: Counter[str] = Counter()
        for d, i, _, n in cites:
            if d:
                dates[d] += n
            if i:
                issuers[i] += n
        ref.issued_on = dates.most_common(1)[0][0] if dates else None
        ref.issuer = issuers.most_common(1)[0][0] if issuers else ""


def _conflict_notes(
    ref: LegalReference,
    seen: Seen,
    by_key: dict[str, list[LegalReference]],
    by_day: dict[tuple[str, dt.date], list[LegalReference]],
) -> list[str]:
    notes: list[str] = []
    dates = sorted({d for d, _, _, _ in seen if d})
    if len(dates) > 1:
        notes.append(
            "Được dẫn với nhiều ngày ban hành khác nhau: " + ", ".join(map(_fmt, dates)) + "."
        )
    groups = _issuer_groups(sorted({i for _, i, _, _ in seen if i}))
    if len(groups) > 1:
        names = "; ".join(f"“{g[0]}”" for g in groups)
        notes.append(f"Được dẫn với các cơ quan ban hành khác nhau: {names}.")
    for other in sorted(by_key.get(ref.number_key, []), key=lambda r: r.doc_type):
        if other.pk != ref.pk:
            kind = BY_CODE.get(other.doc_type, BY_CODE["other"]).name
            notes.append(f"Cùng số {other.number} nhưng được dẫn là {kind}.")
    if ref.issued_on and ref.issuer:
        for other in sorted(by_day.get((ref.doc_type, ref.issued_on), []), key=lambda r: r.number):
            if other.pk != ref.pk and other.issuer and same_issuer(ref.issuer, other.issuer):
                notes.append(
                    f"Cùng loại, ngày {_fmt(ref.issued_on)} và cơ quan ban hành với số "
                    f"{other.number}: có thể là một văn bản in với hai số khác nhau."
                )
    return notes


def store_citations(document: Document, citations: list[dict]) -> set[int]:
    """Replace the document's citations; returns the registry ids to refresh."""
    old = Citation.objects.filter(document=document)
    touched = set(old.values_list("reference_id", flat=True))
    old.delete()
    wanted = []
    for position, c in enumerate(citations):
        number = (c.get("number") or "").strip()[:120]
        doc_type = str(c.get("doc_type")) if c.get("doc_type") in BY_CODE else "other"
        if number and number_key(number):  # unnumbered citations are not registry entries
            wanted.append((position, doc_type, number, c))
    refs = _references_for({(t, number_key(n)): n for _, t, n, _ in wanted})
    rows = []
    for position, doc_type, number, c in wanted:
        ref = refs[(doc_type, number_key(number))]
        touched.add(ref.pk)
        rows.append(
            Citation(
                document=document,
                reference=ref,
                position=position,
                doc_type=doc_type,
                number=number,
                issued_on=_date(c.get("issued_on")),
                issuer=(c.get("issuer") or "")[:255],
                text=c.get("text") or "",
                start=max(int(c.get("start") or 0), 0),
                end=max(int(c.get("end") or 0), 0),
            )
        )
    Citation.objects.bulk_create(rows)
    return touched


def _references_for(keys: dict[tuple[str, str], str]) -> dict[tuple[str, str], LegalReference]:
    """Registry entries for these (type, key) pairs, creating the missing ones."""
    if not keys:
        return {}
    candidates = LegalReference.objects.filter(number_key__in={key for _, key in keys})
    found = {
        (r.doc_type, r.number_key): r for r in candidates if (r.doc_type, r.number_key) in keys
    }
    missing = [k for k in keys if k not in found]
    for doc_type, key in missing:
        found[(doc_type, key)] = reference_for(doc_type, keys[(doc_type, key)])
    return found


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


def variant_counts(ref: LegalReference) -> list[dict]:
    """How the entry is cited across the archive: date, issuer and how many times."""
    rows = (
        Citation.objects.filter(reference=ref)
        .values("issued_on", "issuer")
        .annotate(count=Count("id"))
        .order_by("-count", "issued_on", "issuer")
    )
    return [dict(r) for r in rows]
