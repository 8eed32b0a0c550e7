"""Taking an indicator value from a figure of an archived document.

The figure is shown with its source sentence; the person picks the indicator
and the reporting period and confirms. The value keeps the document id and
the figure's offsets into the document's text. A value already recorded for
that unit, indicator and period is never replaced without an explicit
request to replace it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from danvan.accounts.access import can
from danvan.core.errors import DomainError
from danvan.core.numbers import format_number, parse_number, to_decimal
from danvan.core.periods import Period, period_choices
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import Indicator
from danvan.reporting.models import IndicatorValue, Provenance

from .values import locking_report, parse_value, store_value


class ValueExists(DomainError):
    """A value is already recorded for the unit, indicator and period."""

    def __init__(self, existing: IndicatorValue, period: Period) -> None:
        shown = format_number(existing.value) if existing.value is not None else existing.text_value
        super().__init__(
            f"Đã có số liệu “{existing.indicator.name}” của {existing.unit.name} "
            f"kỳ {period.label.lower()}: {shown} {existing.indicator.unit_of_measure} "
            f"({existing.get_source_display().lower()}). Chưa lưu gì. Nếu muốn thay bằng "
            "số liệu từ văn bản, hãy đánh dấu ô “Thay thế số liệu hiện có” rồi xác nhận lại.",
            field="replace",
        )
        self.existing = existing


@dataclass(frozen=True)
class SentencePart:
    before: str
    figure: str
    after: str


_NUMBER = re.compile(r"\d[\d.,]*\d|\d")


def sentence_parts(text: str, value: Decimal | None) -> SentencePart:
    """The figure's sentence split around the number that gave the value (the
    first token that reads as that value; else the first number)."""
    text = " ".join((text or "").split())
    first = None
    for m in _NUMBER.finditer(text):
        token = m.group(0).rstrip(".,")
        try:
            number = to_decimal(parse_number(token))
        except (ValueError, ArithmeticError):
            continue
        if first is None:
            first = m
        if value is not None and number == value:
            first = m
            break
    if first is None:
        return SentencePart(text, "", "")
    end = first.start() + len(first.group(0).rstrip(".,"))
    return SentencePart(text[: first.start()], text[first.start() : end], text[end:])


def suggest_period(start: date | None, end: date | None, year: int | None) -> str:
    """The reporting period matching a document's extracted period, else its year."""
    if start and end:
        for code, _label in period_choices([end.year]):
            p = Period.parse(code)
            if p.start == start and p.end == end:
                return p.code
        if start.year != end.year and start.month == 1 and end.month == 12:
            return Period.multi_year(start.year, end.year).code
        return Period.whole_year(end.year).code
    if year:
        return Period.whole_year(year).code
    return ""


def existing_value(indicator: Indicator, unit: OrgUnit, period: Period) -> IndicatorValue | None:
    return (
        IndicatorValue.objects.select_related("indicator", "unit")
        .filter(indicator=indicator, unit=unit, period=period.code)
        .first()
    )


@transaction.atomic
def value_from_figure(
    user,
    figure,
    *,
    indicator: Indicator,
    unit: OrgUnit,
    period: Period,
    confirmed: bool,
    replace: bool = False,
) -> IndicatorValue:
    """Record `figure` (a documents.DocumentFigure the caller looked up through
    the documents service) as the value of `indicator` for `unit` and `period`.

    Needs the edit right on the unit and an explicit confirmation. Replacing a
    value already recorded needs `replace`; a value held by a submitted or
    accepted report cannot change."""
    if not can(user, "edit", unit):
        raise PermissionDenied("Bạn không có quyền nhập số liệu cho đơn vị này.")
    if not indicator.active:
        raise DomainError("Chỉ tiêu này không còn dùng.", field="indicator")
    if indicator.is_ratio:
        raise DomainError(
            "Chỉ tiêu tỷ lệ được tính từ tử số và mẫu số, không nhập trực tiếp; "
            "hãy chọn chỉ tiêu tử số hoặc mẫu số.",
            field="indicator",
        )
    if not confirmed:
        raise DomainError(
            "Hãy đối chiếu với câu trích và đánh dấu xác nhận trước khi lưu.", field="confirmed"
        )
    number, text = parse_value(indicator, figure.value)
    current = (
        IndicatorValue.objects.select_for_update()
        .select_related("indicator", "unit")
        .filter(indicator=indicator, unit=unit, period=period.code)
        .first()
    )
    if current is not None and not replace:
        raise ValueExists(current, period)
    holder = locking_report(unit.pk, period.code, indicator.pk)
    if holder is not None:
        raise DomainError(
            f"Số liệu này đang khóa trong báo cáo “{holder.request.title}” (đã gửi hoặc đã "
            "được chấp nhận); chưa thay được."
        )
    document = figure.document
    label = document.get_doc_type_display()
    if document.number:
        label += f" số {document.number}"
    row = store_value(
        user,
        indicator=indicator,
        unit_id=unit.pk,
        period=period,
        number=number,
        text=text,
        source=Provenance.DOCUMENT,
        source_ref=f"{label} (số liệu #{figure.pk})"[:255],
        figure=figure,
    )
    if row is None:  # pragma: no cover - a figure always carries a number
        raise DomainError("Không lưu được số liệu.")
    return row
