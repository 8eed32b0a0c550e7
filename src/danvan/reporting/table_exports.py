"""The roll-up and comparison tables as Excel files (issue 13 §1): the page
sends them through danvan.jobs.exports.download_or_job, so a large table is
made by an "export_xlsx" job. The builder reads the same parameters the page
was given and scopes every unit again with the starter's rights."""

from __future__ import annotations

from django.http import Http404

from danvan.accounts.access import get_unit_for_user, visible_units
from danvan.core.errors import DomainError
from danvan.core.periods import Period, PeriodError
from danvan.jobs import exports
from danvan.planning.models import Indicator

from . import services
from .services.excel import table_xlsx
from .services.rollups import ALL_STATES, REPORTED


def _f(v):
    return None if v is None else round(float(v), 2)


def _inputs(params: dict) -> tuple[Indicator, Period, tuple]:
    try:
        indicator = Indicator.objects.select_related("numerator", "denominator").get(
            pk=int(params["indicator"])
        )
        period = Period.parse(params["period"])
    except (Indicator.DoesNotExist, KeyError, ValueError, PeriodError):
        raise DomainError("Không xác định được chỉ tiêu hoặc kỳ của bảng.") from None
    return indicator, period, ALL_STATES if params.get("drafts") == "1" else REPORTED


def rollup_params(root, indicator, period, drafts: bool) -> dict:
    out = {"unit": root.pk, "indicator": indicator.pk, "period": period.code}
    return {**out, "drafts": "1"} if drafts else out


def compare_params(units, indicator, period, drafts: bool) -> dict:
    out = {"units": [u.pk for u in units], "indicator": indicator.pk, "period": period.code}
    return {**out, "drafts": "1"} if drafts else out


@exports.export("reporting_rollup", "bảng tổng hợp chỉ tiêu")
def rollup(user, params: dict) -> tuple[str, bytes]:
    indicator, period, states = _inputs(params)
    root = get_unit_for_user(user, params["unit"])
    visible = (
        set(visible_units(user).values_list("pk", flat=True)) if not user.is_superuser else None
    )
    head, rows = services.rollup_table(indicator, period, root, states, visible_ids=visible)
    data = [
        [
            head.unit.name + " (tổng)",
            head.value,
            head.target,
            _f(head.plan_percent),
            head.last_year,
            head.change_value,
            _f(head.change_percent),
        ]
    ]
    data += [
        [
            ("Bản thân " if r.own else "") + r.unit.name,
            r.value,
            r.target,
            _f(r.plan_percent),
            r.last_year,
            r.change_value,
            _f(r.change_percent),
        ]
        for r in rows
    ]
    xlsx = table_xlsx(
        f"{indicator.name} ({indicator.unit_of_measure}) – {period.label}",
        [
            "Đơn vị",
            "Kỳ này",
            "Kế hoạch",
            "% kế hoạch",
            "Cùng kỳ năm trước",
            "Tăng/giảm",
            "% so với cùng kỳ",
        ],
        data,
        subtitle=root.name,
    )
    return f"tong-hop-{indicator.code}-{period.code}.xlsx", xlsx


@exports.export("reporting_compare", "bảng so sánh đơn vị")
def compare(user, params: dict) -> tuple[str, bytes]:
    indicator, period, states = _inputs(params)
    units = [get_unit_for_user(user, pk) for pk in params.get("units", [])]
    if not units:
        raise Http404("Chưa chọn đơn vị để so sánh.")
    rows = services.compare_units(indicator, period, units, states)
    xlsx = table_xlsx(
        f"So sánh {indicator.name} – {period.label}",
        ["Đơn vị", "Kỳ này", "Kế hoạch", "% kế hoạch", "Cùng kỳ năm trước", "% so với cùng kỳ"],
        [
            [r.unit.name, r.value, r.target, _f(r.plan_percent), r.last_year, _f(r.change_percent)]
            for r in rows
        ],
    )
    return f"so-sanh-{indicator.code}-{period.code}.xlsx", xlsx
