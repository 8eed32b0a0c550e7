"""Where each figure of a draft came from, for the preview.

A figure block's trace names the values (IndicatorValue ids), the indicator,
unit(s) and period. Here they are looked up again, within what the user may
see (reporting's access rules), and described: typed by whom and when, the
Excel file and row, or the archived document's sentence with a link to the
document page at the figure's offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from danvan.core.numbers import format_number
from danvan.core.periods import Period, PeriodError
from danvan.documents.models import DocumentFigure
from danvan.planning.models import Target
from danvan.reporting.access import get_value, values_for
from danvan.reporting.models import Provenance

MAX_VALUES = 60


@dataclass
class Source:
    value_id: int
    unit: str
    period: str
    value: str
    kind: str  # typed / excel / document
    kind_label: str
    detail: str
    url: str = ""
    document_url: str = ""
    sentence: str = ""


@dataclass
class FigureTrace:
    index: int
    text: str
    trace: dict[str, Any]
    sources: list[Source] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    previous: list[str] = field(default_factory=list)
    hidden: int = 0


def _when(value) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%H:%M} ngày {local.day:02d}/{local.month}/{local.year}"


def _person(user) -> str:
    if user is None:
        return "không rõ người nhập"
    return user.get_full_name() or user.username


def _reverse_any(names: tuple[str, ...], pk: int) -> str:
    """The first URL name that exists (the archive renamed its detail page once)."""
    for name in names:
        try:
            return reverse(name, args=[pk])
        except NoReverseMatch:
            continue
    return ""


def _figure_anchor(document_id: int, start: int | None, end: int | None) -> str:
    url = _reverse_any(("documents:document_detail", "documents:detail"), document_id)
    if not url:
        return ""
    if start is None:
        return url
    fig = (
        DocumentFigure.objects.filter(
            document_id=document_id, start__lte=start, end__gte=end or start
        )
        .order_by("position")
        .first()
    )
    return f"{url}#fig-{fig.pk}" if fig else f"{url}#ky-tu-{start}"


def describe(value) -> Source:
    number = format_number(value.value) if value.value is not None else (value.text_value or "–")
    kind = value.source or Provenance.TYPED
    url = reverse("reporting:value_detail", args=[value.pk])
    if kind == Provenance.EXCEL:
        where = f"dòng {value.excel_row}" if value.excel_row else "không rõ dòng"
        detail = (
            f"Nhập từ tệp Excel {value.source_ref or ''} ({where}), lúc {_when(value.updated_at)}"
        )
        return Source(
            value.pk, value.unit.name, value.period, number, kind, "Tệp Excel", detail, url
        )
    if kind == Provenance.DOCUMENT:
        doc_url = ""
        if value.document_id:
            try:
                doc_url = _figure_anchor(value.document_id, value.figure_start, value.figure_end)
            except Exception:  # noqa: BLE001 - a missing archive never breaks the preview
                doc_url = ""
        span = (
            f" (ký tự {value.figure_start}–{value.figure_end})"
            if value.figure_start is not None
            else ""
        )
        detail = f"Lấy từ văn bản lưu trữ {value.source_ref or ''}{span}".strip()
        if value.confirmed_by_id:
            detail += f", xác nhận bởi {_person(value.confirmed_by)}"
        return Source(
            value.pk,
            value.unit.name,
            value.period,
            number,
            kind,
            "Câu trong văn bản lưu trữ",
            detail,
            url,
            doc_url,
            value.source_sentence,
        )
    detail = f"{_person(value.entered_by)} nhập lúc {_when(value.updated_at)}"
    return Source(value.pk, value.unit.name, value.period, number, kind, "Nhập tay", detail, url)


def _visible_values(user, ids: list[int]) -> tuple[list, int]:
    ids = ids[:MAX_VALUES]
    qs = values_for(user).select_related("entered_by", "confirmed_by").filter(pk__in=ids)
    found = {v.pk: v for v in qs}
    hidden = 0
    for pk in ids:
        if pk in found:
            continue
        try:
            found[pk] = get_value(user, pk)
        except Http404:
            hidden += 1
    return [found[pk] for pk in ids if pk in found], hidden


def figure_traces(user, content: dict[str, Any]) -> list[FigureTrace]:
    out = []
    for i, block in enumerate(content.get("body") or []):
        if block.get("k") != "figure":
            continue
        trace = block.get("trace") or {}
        ft = FigureTrace(i, block.get("text", ""), trace)
        values, ft.hidden = _visible_values(user, list(trace.get("value_ids") or []))
        ft.sources = [describe(v) for v in values]
        code, unit_ids, period = (
            trace.get("indicator"),
            trace.get("unit_ids") or [],
            trace.get("period"),
        )
        try:
            p = Period.parse(period) if period else None
        except PeriodError:
            p = None
        if code and unit_ids and p is not None:
            periods = [p.code] + ([p.year_period().code] if p.is_part_year else [])
            for t in Target.objects.filter(
                indicator__code=code, unit_id__in=unit_ids[:MAX_VALUES], period__in=periods
            ).select_related("unit", "set_by")[:MAX_VALUES]:
                ft.targets.append(
                    f"Kế hoạch {format_number(t.value)} ({t.period}) của {t.unit.name}, "
                    f"do {_person(t.set_by)} đặt lúc {_when(t.updated_at)}"
                )
            last = p.same_period_last_year().code
            for v in values_for(user).filter(
                indicator__code=code, unit_id__in=unit_ids[:MAX_VALUES], period=last
            )[:MAX_VALUES]:
                src = describe(v)
                ft.previous.append(f"{src.unit} {last}: {src.value} – {src.detail}")
        out.append(ft)
    return out
