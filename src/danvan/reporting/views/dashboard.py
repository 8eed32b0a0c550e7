"""Roll-ups, drill-down to units and to each value's source, comparison
between units, and the reviewer's dashboard (charts and tables)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from danvan.accounts.access import get_unit_for_user, visible_units
from danvan.core.periods import Period, PeriodError, PeriodKind, period_choices
from danvan.planning.models import Indicator
from danvan.reporting import services
from danvan.reporting.access import get_value, is_requester_side, requests_for, values_for
from danvan.reporting.models import IndicatorValue
from danvan.reporting.models.requests import RequestStatus
from danvan.reporting.services.excel import table_xlsx
from danvan.reporting.services.rollups import ALL_STATES, REPORTED

from .common import bar_chart, line_chart, root_units, xlsx_response


def _period(code: str | None, default: str) -> Period:
    try:
        return Period.parse(code or default)
    except PeriodError:
        return Period.parse(default)


def _default_period(user) -> str:
    """The latest period with reported figures in the user's scope."""
    years = (
        values_for(user)
        .filter(state__in=REPORTED)
        .order_by("-year")
        .values_list("year", flat=True)[:1]
    )
    if not years:
        from django.utils import timezone

        return f"{timezone.localdate().year}-Y"
    year = years[0]
    codes = set(
        values_for(user)
        .filter(year=year, state__in=REPORTED)
        .values_list("period", flat=True)
        .distinct()
    )
    order = [f"{year}-Y", f"{year}-9M", f"{year}-H2", f"{year}-H1"] + [
        f"{year}-Q{q}" for q in (4, 3, 2, 1)
    ]
    for code in order:
        if code in codes:
            return code
    return sorted(codes)[-1]


def _years():
    from django.utils import timezone

    this = timezone.localdate().year
    return range(this, this - 6, -1)


def _root(request):
    roots = root_units(request.user)
    unit_id = request.GET.get("unit")
    if unit_id:
        return get_unit_for_user(request.user, unit_id), roots
    if not roots:
        raise Http404("Bạn chưa được phân công đơn vị nào.")
    current = getattr(request, "unit", None)
    for r in roots:
        if current is not None and getattr(current, "pk", None) == r.pk:
            return r, roots
    return roots[0], roots


def _states(request):
    return ALL_STATES if request.GET.get("drafts") == "1" else REPORTED


@login_required
def dashboard(request):
    user = request.user
    root, roots = _root(request)
    period = _period(request.GET.get("period"), _default_period(user))
    states = _states(request)
    codes = set(
        IndicatorValue.objects.filter(
            period=period.code, unit__path__startswith=root.path, state__in=states
        )
        .values_list("indicator_id", flat=True)
        .distinct()
    )
    indicators = [
        i
        for i in Indicator.objects.filter(active=True).select_related("numerator", "denominator")
        if i.pk in codes or (i.is_ratio and i.numerator_id in codes and i.denominator_id in codes)
    ][:15]
    rows = [(ind, services.summary(ind, period, root, states)) for ind in indicators]
    plan_rows = [(i, r) for i, r in rows if r.plan_percent is not None]
    charts = []
    if plan_rows:
        charts.append(
            bar_chart(
                [i.name for i, _ in plan_rows],
                [("% kế hoạch", [r.plan_percent for _, r in plan_rows])],
                title=f"Tiến độ so với kế hoạch – {period.label}",
                percent=True,
                horizontal=True,
            )
        )
    change_rows = [(i, r) for i, r in rows if r.change_percent is not None]
    if change_rows:
        charts.append(
            bar_chart(
                [i.name for i, _ in change_rows],
                [("% so với cùng kỳ", [r.change_percent for _, r in change_rows])],
                title=f"So với cùng kỳ ({period.same_period_last_year().label})",
                percent=True,
                horizontal=True,
            )
        )
    requests = []
    for req in requests_for(user).filter(status=RequestStatus.OPEN).order_by("-deadline")[:8]:
        if is_requester_side(user, req):
            requests.append((req, services.completeness(req).total))
    if not requests:
        for req in requests_for(user).order_by("-deadline")[:8]:
            if is_requester_side(user, req):
                requests.append((req, services.completeness(req).total))
    if requests:
        charts.append(
            bar_chart(
                [r.title[:60] for r, _ in requests],
                [
                    ("Tỷ lệ đầy đủ", [t.completeness for _, t in requests]),
                    ("Tỷ lệ đúng hạn", [t.timeliness for _, t in requests]),
                ],
                title="Tình hình nộp báo cáo",
                percent=True,
                horizontal=True,
            )
        )
    return render(
        request,
        "reporting/dashboard.html",
        {
            "root": root,
            "roots": roots,
            "period": period,
            "periods": period_choices(_years()),
            "rows": rows,
            "charts": charts,
            "requests": requests,
            "definitions": services.DEFINITIONS,
            "drafts": request.GET.get("drafts") == "1",
        },
    )


def _indicator(request) -> Indicator:
    code = request.GET.get("indicator")
    qs = Indicator.objects.select_related("numerator", "denominator")
    ind = qs.filter(pk=code).first() if code and code.isdigit() else qs.filter(code=code).first()
    return ind or qs.filter(active=True).first()


@login_required
def rollup(request):
    user = request.user
    root, roots = _root(request)
    indicator = _indicator(request)
    if indicator is None:
        raise Http404("Danh mục chỉ tiêu đang trống.")
    period = _period(request.GET.get("period"), _default_period(user))
    states = _states(request)
    visible = (
        set(visible_units(user).values_list("pk", flat=True)) if not user.is_superuser else None
    )
    head, rows = services.rollup_table(indicator, period, root, states, visible_ids=visible)
    details = []
    subtree_size = 0
    if not any(r.has_children for r in rows):
        subtree_size = len(rows)
        details = list(
            values_for(user)
            .filter(
                indicator__in=[indicator]
                + ([indicator.numerator, indicator.denominator] if indicator.is_ratio else []),
                period=period.code,
                unit__path__startswith=root.path,
            )
            .select_related("unit", "indicator")
            .order_by("unit__path")[:200]
        )
    years = (
        [
            Period(
                period.year - k,
                period.kind,
                period.number,
                (period.end_year - k) if period.end_year else 0,
            )
            for k in range(4, -1, -1)
        ]
        if period.kind is not PeriodKind.MULTI_YEAR
        else [period]
    )
    trend = services.series(indicator, years, root, states)
    charts = []
    shown = [r for r in rows if r.value is not None]
    if shown:
        charts.append(
            bar_chart(
                [
                    ("(bản thân) " if r.own else "") + (r.unit.short_code or r.unit.name)
                    for r in shown
                ],
                [
                    (period.label, [r.value for r in shown]),
                    (period.same_period_last_year().label, [r.last_year for r in shown]),
                ],
                title=f"{indicator.name} theo đơn vị",
                y_title=indicator.unit_of_measure,
            )
        )
    charts.append(
        line_chart(
            [p.label for p, _ in trend],
            indicator.name,
            [v for _, v in trend],
            title="Diễn biến cùng kỳ các năm",
        )
    )
    ctx = {
        "root": root,
        "roots": roots,
        "indicator": indicator,
        "indicators": Indicator.objects.filter(active=True),
        "period": period,
        "periods": period_choices(_years()),
        "head": head,
        "rows": rows,
        "details": details,
        "subtree_size": subtree_size,
        "charts": charts,
        "ancestors": [a for a in root.ancestors() if a.pk in (visible or {a.pk})]
        if visible is not None
        else root.ancestors(),
        "drafts": request.GET.get("drafts") == "1",
    }
    if request.GET.get("format") == "xlsx":
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
        return xlsx_response(xlsx, f"tong-hop-{indicator.code}-{period.code}.xlsx")
    return render(request, "reporting/rollup.html", ctx)


def _f(v):
    return None if v is None else round(float(v), 2)


@login_required
def compare(request):
    user = request.user
    indicator = _indicator(request)
    if indicator is None:
        raise Http404()
    period = _period(request.GET.get("period"), _default_period(user))
    ids = [i for i in request.GET.getlist("units") if i.isdigit()][:20]
    units = [get_unit_for_user(user, i) for i in ids]
    rows = services.compare_units(indicator, period, units, _states(request)) if units else []
    charts = []
    if rows:
        charts.append(
            bar_chart(
                [r.unit.short_code or r.unit.name for r in rows],
                [
                    (period.label, [r.value for r in rows]),
                    (period.same_period_last_year().label, [r.last_year for r in rows]),
                ],
                title=f"So sánh: {indicator.name}",
                y_title=indicator.unit_of_measure,
            )
        )
    if request.GET.get("format") == "xlsx" and rows:
        xlsx = table_xlsx(
            f"So sánh {indicator.name} – {period.label}",
            ["Đơn vị", "Kỳ này", "Kế hoạch", "% kế hoạch", "Cùng kỳ năm trước", "% so với cùng kỳ"],
            [
                [
                    r.unit.name,
                    r.value,
                    r.target,
                    _f(r.plan_percent),
                    r.last_year,
                    _f(r.change_percent),
                ]
                for r in rows
            ],
        )
        return xlsx_response(xlsx, f"so-sanh-{indicator.code}-{period.code}.xlsx")
    return render(
        request,
        "reporting/compare.html",
        {
            "indicator": indicator,
            "indicators": Indicator.objects.filter(active=True),
            "period": period,
            "periods": period_choices(_years()),
            "units": visible_units(user).filter(valid_to__isnull=True),
            "chosen": {u.pk for u in units},
            "rows": rows,
            "charts": charts,
        },
    )


@login_required
def value_detail(request, pk):
    value = get_value(request.user, pk)
    sentence = value.source_sentence
    from danvan.core.numbers import format_number

    needle = format_number(value.value) if value.value is not None else ""
    before, found, after = (
        sentence.partition(needle) if needle and needle in sentence else (sentence, "", "")
    )
    history = []
    return render(
        request,
        "reporting/value_detail.html",
        {
            "value": value,
            "before": before,
            "found": found,
            "after": after,
            "history": history,
            "rollup_url": reverse("reporting:rollup")
            + f"?indicator={value.indicator_id}&period={value.period}&unit={value.unit_id}",
        },
    )
