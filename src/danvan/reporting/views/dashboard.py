"""Roll-ups, drill-down to units and to each value's source, comparison
between units, and the reviewer's dashboard (charts and tables)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.access import get_unit_for_user, visible_units
from danvan.core.numbers import format_number
from danvan.core.periods import Period, PeriodError, PeriodKind
from danvan.documents.services import documents_for_user
from danvan.jobs import exports
from danvan.jobs.pages import job_of
from danvan.orgunits.widgets import picker_context
from danvan.planning.models import Indicator, Target
from danvan.reporting import services, table_exports
from danvan.reporting.access import get_value, is_requester_side, requests_for, values_for
from danvan.reporting.models import IndicatorValue, RequestIndicator
from danvan.reporting.routes import pages
from danvan.reporting.services.rollups import ALL_STATES, REPORTED

from .common import bar_chart, line_chart, period_picker, root_units


def _period(code: str | None, user, request=None) -> Period:
    """The period asked for (a code, or a year and a period of the year from the
    picker), else the period of the latest request the user can see."""
    if request is not None and request.GET.get("nam") and request.GET.get("ky"):
        code = f"{request.GET['nam']}-{request.GET['ky']}"
    if code:
        try:
            return Period.parse(code)
        except PeriodError:
            pass
    return Period.parse(_default_period(user))


def _default_period(user) -> str:
    latest = requests_for(user).order_by("-deadline").values_list("period", flat=True).first()
    if latest:
        return latest

    return f"{timezone.localdate().year - 1}-Y"


def _years():
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


@pages.route("bang-dieu-khien/")
@login_required
def dashboard(request):
    user = request.user
    root, roots = _root(request)
    period = _period(request.GET.get("period"), user, request)
    states = _states(request)
    indicators = dashboard_indicators(user, root, period)
    rows = list(zip(indicators, services.summaries(indicators, period, root, states), strict=True))

    def drill(ind) -> str:
        return (
            reverse("reporting:rollup")
            + f"?indicator={ind.pk}&period={period.code}&unit={root.pk}"
            + ("&drafts=1" if request.GET.get("drafts") == "1" else "")
        )

    charts = []

    def percent_chart(attr: str, series: str, title: str, reference: float | None = None):
        """One bar a indicator that has the percentage ``attr``, linked to its roll-up."""
        shown = [(i, getattr(r, attr)) for i, r in rows if getattr(r, attr) is not None]
        if shown:
            charts.append(
                bar_chart(
                    [i.name for i, _ in shown],
                    [(series, [value for _, value in shown])],
                    title=title,
                    percent=True,
                    horizontal=True,
                    reference=reference,
                    links=[drill(i) for i, _ in shown],
                )
            )

    percent_chart(
        "plan_percent", "% kế hoạch", f"Tiến độ so với kế hoạch – {period.label}", reference=100
    )
    percent_chart(
        "change_percent",
        "% so với cùng kỳ",
        f"So với cùng kỳ ({period.same_period_last_year().label})",
    )
    # the requests of the chosen period ("open" sorts after "closed": open first)
    requests = []
    for req in requests_for(user).filter(period=period.code).order_by("-status", "-deadline")[:8]:
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
                title=f"Tình hình nộp báo cáo – {period.label}",
                percent=True,
                horizontal=True,
                reference=100,
                links=[reverse("reporting:request_detail", args=[r.pk]) for r, _ in requests],
            )
        )
    return render(
        request,
        "reporting/dashboard.html",
        {
            "root": root,
            "roots": roots,
            "period": period,
            "period_picker": period_picker(period, _years()),
            "rows": rows,
            "charts": charts,
            "requests": requests,
            "definitions": services.DEFINITIONS,
            "drafts": request.GET.get("drafts") == "1",
        },
    )


def dashboard_indicators(user, root, period, limit: int = 15) -> list[Indicator]:
    """The indicators worth a line on the dashboard: those asked for in the
    period's requests the user sees, those planned (targets) in the subtree,
    and those the root and its direct subordinates reported."""

    ids: list[int] = list(
        RequestIndicator.objects.filter(
            request__in=requests_for(user).filter(period=period.code)
        ).values_list("indicator_id", flat=True)
    )
    codes = [period.code, period.year_period().code]
    # a probe per indicator that stops at its first target in the subtree (a scalar
    # subquery: EXISTS would be planned as a join over every target of the subtree)
    # (the period codes carry the year: no year filter, and the index's order, both of
    # which keep PostgreSQL on the (indicator, period, unit) index for each probe)
    planned = Target.objects.filter(
        indicator_id=OuterRef("pk"),
        period__in=codes,
        unit__path__startswith=root.path,
    ).order_by("indicator_id", "period", "unit_id")
    ids += list(
        Indicator.objects.filter(active=True)
        .annotate(planned=Subquery(planned.values("pk")[:1]))
        .filter(planned__isnull=False)
        .order_by()
        .values_list("pk", flat=True)[:100]
    )
    near = [root.pk, *root.children.values_list("pk", flat=True)[:50]]
    ids += list(
        IndicatorValue.objects.filter(unit_id__in=near, period=period.code)
        .order_by()
        .values_list("indicator_id", flat=True)
        .distinct()[:100]
    )
    wanted = list(dict.fromkeys(ids))
    found = {
        i.pk: i
        for i in Indicator.objects.filter(pk__in=wanted, active=True).select_related(
            "numerator", "denominator"
        )
    }
    ordered = sorted(found.values(), key=lambda i: (i.group, i.code))
    extra = [
        r
        for r in Indicator.objects.filter(aggregation="ratio", active=True).select_related(
            "numerator", "denominator"
        )
        if r.pk not in found and r.numerator_id in found and r.denominator_id in found
    ]
    return (ordered + extra)[:limit]


def _indicator(request) -> Indicator | None:
    code = request.GET.get("indicator")
    qs = Indicator.objects.select_related("numerator", "denominator")
    ind = qs.filter(pk=code).first() if code and code.isdigit() else qs.filter(code=code).first()
    return ind or qs.filter(active=True).first()


@pages.route("tong-hop/")
@login_required
def rollup(request):
    user = request.user
    root, roots = _root(request)
    indicator = _indicator(request)
    if indicator is None:
        raise Http404("Danh mục chỉ tiêu đang trống.")
    period = _period(request.GET.get("period"), user, request)
    states = _states(request)
    visible = (
        set(visible_units(user).values_list("pk", flat=True)) if not user.is_superuser else None
    )
    head, rows = services.rollup_table(indicator, period, root, states, visible_ids=visible)
    drafts = request.GET.get("drafts") == "1"
    if request.GET.get("format") == "xlsx":
        params = table_exports.rollup_params(root, indicator, period, drafts)
        return exports.download_or_job(
            request,
            "reporting_rollup",
            params,
            rows=len(rows) + 1,
            back=reverse("reporting:rollup") + "?" + urlencode(params),
            unit=root,
            title=f"Xuất Excel tổng hợp {indicator.name} – {period.label}",
        )
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
                links=[
                    reverse("reporting:rollup")
                    + f"?indicator={indicator.pk}&period={period.code}&unit={r.unit.pk}"
                    + ("&drafts=1" if request.GET.get("drafts") == "1" else "")
                    for r in shown
                ],
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
        "period_picker": period_picker(period, _years()),
        "head": head,
        "rows": rows,
        "details": details,
        "subtree_size": subtree_size,
        "charts": charts,
        "ancestors": [a for a in root.ancestors() if a.pk in (visible or {a.pk})]
        if visible is not None
        else root.ancestors(),
        "drafts": drafts,
        "job": job_of(request),
    }
    return render(request, "reporting/rollup.html", ctx)


@pages.route("so-sanh/")
@login_required
def compare(request):
    user = request.user
    indicator = _indicator(request)
    if indicator is None:
        raise Http404()
    period = _period(request.GET.get("period"), user, request)
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
        params = table_exports.compare_params(
            units, indicator, period, request.GET.get("drafts") == "1"
        )
        query = {k: v for k, v in request.GET.lists() if k != "format"}
        return exports.download_or_job(
            request,
            "reporting_compare",
            params,
            rows=len(rows),
            back=reverse("reporting:compare") + "?" + urlencode(query, doseq=True),
            title=f"Xuất Excel so sánh {indicator.name} – {period.label}",
        )
    return render(
        request,
        "reporting/compare.html",
        {
            "indicator": indicator,
            "indicators": Indicator.objects.filter(active=True),
            "period": period,
            "period_picker": period_picker(period, _years()),
            "unit_picker": picker_context("units", units, multiple=True),
            "rows": rows,
            "charts": charts,
            "job": job_of(request),
        },
    )


@pages.route("so-lieu/<int:pk>/")
@login_required
def value_detail(request, pk):
    value = get_value(request.user, pk)
    sentence = value.source_sentence

    needle = format_number(value.value) if value.value is not None else ""
    before, found, after = (
        sentence.partition(needle) if needle and needle in sentence else (sentence, "", "")
    )
    history = []
    document, figure_id = None, None
    if value.document_id:
        document = documents_for_user(request.user).filter(pk=value.document_id).first()
        if document is not None:
            figure_id = value.figure_id
    return render(
        request,
        "reporting/value_detail.html",
        {
            "value": value,
            "document": document,
            "figure_id": figure_id,
            "before": before,
            "found": found,
            "after": after,
            "history": history,
            "rollup_url": reverse("reporting:rollup")
            + f"?indicator={value.indicator_id}&period={value.period}&unit={value.unit_id}",
        },
    )
