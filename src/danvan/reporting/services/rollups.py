"""Read side: roll-ups of an indicator over a subtree, drill-down, comparison,
completeness and timeliness of a request rolled up the tree.

Roll-ups are one indexed query: values of one indicator and period joined to
OrgUnit and filtered by the subtree's path prefix. Each value belongs to one
unit and each unit has one path, so a unit moved or merged mid-year is counted
once, wherever it now sits.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.db.models import Count, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from danvan.core.indicators import change, plan_percent
from danvan.core.numbers import to_decimal
from danvan.core.periods import Period
from danvan.orgunits.models import PATH_STEP, OrgUnit
from danvan.planning.models import Aggregation, Indicator, Target
from danvan.reporting.models import (
    IndicatorValue,
    ReportRequest,
    ReportStatus,
    ValueState,
)

from .subtree_sums import branch_sums

K = TypeVar("K")

REPORTED = (ValueState.SUBMITTED, ValueState.ACCEPTED)
ALL_STATES = (ValueState.DRAFT, ValueState.SUBMITTED, ValueState.ACCEPTED)


@dataclass
class RollupValue:
    value: Decimal | None
    units: int = 0


def _values(indicator_id: int, period: str, path: str, states: Iterable[str]):
    return IndicatorValue.objects.filter(
        indicator_id=indicator_id,
        period=period,
        unit__path__startswith=path,
        state__in=list(states),
    )


def rollup(
    indicator: Indicator, period: str, root: OrgUnit, states: Iterable[str] = REPORTED
) -> RollupValue:
    """The indicator over the root's subtree for one period."""
    states = list(states)
    if indicator.is_ratio:
        assert indicator.numerator is not None and indicator.denominator is not None
        num = rollup(indicator.numerator, period, root, states)
        den = rollup(indicator.denominator, period, root, states)
        if num.value is None or not den.value:
            return RollupValue(None, den.units)
        return RollupValue(num.value * indicator.scale / den.value, den.units)
    if indicator.aggregation == Aggregation.LATEST:
        qs = _values(indicator.pk, period, root.path, states).exclude(value__isnull=True)
        row = qs.order_by("-updated_at").values_list("value", flat=True).first()
        return RollupValue(row, qs.count())
    got = branch_sums([indicator.pk], [period], [root.pk], states).get(
        (root.pk, indicator.pk, period)
    )
    if got is None:
        return RollupValue(None, 0)
    total, n = got
    return RollupValue(total / n if indicator.aggregation == Aggregation.AVERAGE else total, n)


def rollup_children(
    indicator: Indicator, period: str, root: OrgUnit, states: Iterable[str] = REPORTED
) -> dict[str, RollupValue]:
    """{child path or root path: RollupValue}: the subtree split by the root's
    children (the root's own figure under its own path). One grouped query."""
    states = list(states)
    if indicator.is_ratio:
        assert indicator.numerator is not None and indicator.denominator is not None
        nums = rollup_children(indicator.numerator, period, root, states)
        dens = rollup_children(indicator.denominator, period, root, states)
        out = {}
        for key, den in dens.items():
            num = nums.get(key)
            value = None
            if num is not None and num.value is not None and den.value:
                value = num.value * indicator.scale / den.value
            out[key] = RollupValue(value, den.units)
        return out
    # the root's own values under its own path, each child's subtree under the child's
    # (from the branch sums; a stock figure is compared as the mean of the latest values)
    paths = dict(OrgUnit.objects.filter(parent=root).values_list("pk", "path"))
    paths[root.pk] = root.path
    sums = branch_sums([indicator.pk], [period], list(paths), states)
    out = {}
    for unit_id, path in paths.items():
        if unit_id == root.pk:
            got = _own_sum(indicator.pk, period, root.pk, states)
        else:
            got = sums.get((unit_id, indicator.pk, period))
        if got is not None:
            total, n = got
            out[path] = RollupValue(
                total if indicator.aggregation == Aggregation.SUM else total / n, n
            )
    return out


def _own_sum(
    indicator_id: int, period: str, unit_id: int, states: list[str]
) -> tuple[Decimal, int] | None:
    agg = IndicatorValue.objects.filter(
        indicator_id=indicator_id,
        period=period,
        unit_id=unit_id,
        state__in=states,
        value__isnull=False,
    ).aggregate(s=Sum("value"), n=Count("id"))
    return (to_decimal(agg["s"]), agg["n"]) if agg["n"] else None


def _plan_codes(period: Period) -> list[str]:
    """Where a period's plan is looked for: its own targets, then (for a part-year
    period) the annual ones standing in."""
    return [period.code] + ([period.year_period().code] if period.is_part_year else [])


def _planned(
    found: dict[tuple[K, str], Decimal], key: K, codes: list[str], period: Period
) -> tuple[Decimal, bool] | None:
    """The first plan found for key along codes, and whether it is the annual one."""
    for code in codes:
        if (key, code) in found:
            return found[(key, code)], code != period.code
    return None


def target_rollup(
    indicator: Indicator, period: Period, root: OrgUnit
) -> tuple[Decimal | None, bool]:
    """The plan of a subtree: the period's targets summed, or the annual ones
    for a part-year period without its own."""
    if indicator.is_ratio or indicator.aggregation != Aggregation.SUM:
        own = Target.objects.filter(indicator=indicator, unit=root, period=period.code).first()
        if own is None and period.is_part_year:
            own = Target.objects.filter(
                indicator=indicator, unit=root, period=period.year_period().code
            ).first()
            return (own.value if own else None), own is not None
        return (own.value if own else None), False
    codes = _plan_codes(period)
    for code in codes:
        total = Target.objects.filter(
            indicator=indicator, period=code, unit__path__startswith=root.path
        ).aggregate(s=Sum("value"))["s"]
        if total is not None:
            return total, code != period.code
    return None, False


@dataclass
class RollupRow:
    unit: OrgUnit
    value: Decimal | None
    units: int
    last_year: Decimal | None = None
    change_value: Decimal | None = None
    change_percent: Decimal | None = None
    target: Decimal | None = None
    target_is_annual: bool = False
    plan_percent: Decimal | None = None
    own: bool = False
    has_children: bool = False


def rollup_table(
    indicator: Indicator,
    period: Period,
    root: OrgUnit,
    states: Iterable[str] = REPORTED,
    visible_ids: set[int] | None = None,
) -> tuple[RollupRow, list[RollupRow]]:
    """The total for the root and one row per child branch (drill-down)."""
    states = list(states)
    head = summary(indicator, period, root, states)
    now = rollup_children(indicator, period.code, root, states)
    before = rollup_children(indicator, period.same_period_last_year().code, root, states)
    children = list(OrgUnit.objects.filter(parent=root))
    if visible_ids is not None:
        children = [c for c in children if c.pk in visible_ids]
    plans = target_children(indicator, period, root, children)
    with_kids = set(OrgUnit.objects.filter(parent__in=children).values_list("parent_id", flat=True))
    rows = []
    if root.path in now or root.path in before:
        own = RollupRow(
            unit=root,
            value=now.get(root.path, RollupValue(None)).value,
            units=now.get(root.path, RollupValue(None)).units,
            last_year=before.get(root.path, RollupValue(None)).value,
            own=True,
        )
        _compute(own)
        rows.append(own)
    for child in children:
        fig = now.get(child.path)
        old = before.get(child.path)
        if fig is None and old is None and child.valid_to is not None:
            continue
        row = RollupRow(
            unit=child,
            value=fig.value if fig else None,
            units=fig.units if fig else 0,
            last_year=old.value if old else None,
            has_children=child.pk in with_kids,
        )
        row.target, row.target_is_annual = plans.get(child.path, (None, False))
        _compute(row)
        rows.append(row)
    return head, rows


def target_children(
    indicator: Indicator, period: Period, root: OrgUnit, children: list[OrgUnit]
) -> dict[str, tuple[Decimal | None, bool]]:
    """target_rollup for each child branch of root, in one grouped query."""
    codes = _plan_codes(period)
    found: dict[tuple[str, str], Decimal] = {}
    if not indicator.is_ratio and indicator.aggregation == Aggregation.SUM:
        width = len(root.path) + PATH_STEP
        for r in (
            Target.objects.filter(
                indicator=indicator, period__in=codes, unit__path__startswith=root.path
            )
            .annotate(branch=Substr("unit__path", 1, width))
            .order_by()
            .values("branch", "period")
            .annotate(s=Sum("value"))
        ):
            found[(r["branch"], r["period"])] = r["s"]
    else:
        for t in Target.objects.filter(
            indicator=indicator, period__in=codes, unit__in=children
        ).select_related("unit"):
            found[(t.unit.path, t.period)] = t.value
    out: dict[str, tuple[Decimal | None, bool]] = {}
    for child in children:
        planned = _planned(found, child.path, codes, period)
        if planned is not None:
            out[child.path] = planned
    return out


def summary(
    indicator: Indicator, period: Period, root: OrgUnit, states: Iterable[str] = REPORTED
) -> RollupRow:
    """The subtree's figure with its plan, same period last year and the computed columns."""
    states = list(states)
    fig = rollup(indicator, period.code, root, states)
    last = rollup(indicator, period.same_period_last_year().code, root, states)
    row = RollupRow(unit=root, value=fig.value, units=fig.units, last_year=last.value)
    row.target, row.target_is_annual = target_rollup(indicator, period, root)
    _compute(row)
    return row


def rollup_many(
    indicators: list[Indicator], codes: list[str], root: OrgUnit, states: Iterable[str] = REPORTED
) -> dict[tuple[int, str], RollupValue]:
    """Many indicators and periods over one subtree in one grouped query
    (the dashboard). Ratios come from their parts; "latest" falls back to
    one query each."""
    states = list(states)
    typed: set[int] = set()
    for ind in indicators:
        if ind.is_ratio:
            typed |= {i for i in (ind.numerator_id, ind.denominator_id) if i is not None}
        elif ind.aggregation != Aggregation.LATEST:
            typed.add(ind.pk)
    sums: dict[tuple[int | None, str], tuple[Decimal | None, Decimal | None, int]] = {}
    if typed:
        for (_, ind_id, code), (total, n) in branch_sums(typed, codes, [root.pk], states).items():
            sums[(ind_id, code)] = (total, total / n, n)
    out: dict[tuple[int, str], RollupValue] = {}
    for ind in indicators:
        for code in codes:
            if ind.is_ratio:
                num = sums.get((ind.numerator_id, code))
                den = sums.get((ind.denominator_id, code))
                if num is None or num[0] is None or den is None or not den[0]:
                    out[(ind.pk, code)] = RollupValue(None, den[2] if den else 0)
                else:
                    out[(ind.pk, code)] = RollupValue(num[0] * ind.scale / den[0], den[2])
            elif ind.aggregation == Aggregation.LATEST:
                out[(ind.pk, code)] = rollup(ind, code, root, states)
            else:
                got = sums.get((ind.pk, code))
                if got is None:
                    out[(ind.pk, code)] = RollupValue(None, 0)
                else:
                    value = got[1] if ind.aggregation == Aggregation.AVERAGE else got[0]
                    out[(ind.pk, code)] = RollupValue(value, got[2])
    return out


def targets_many(
    indicators: list[Indicator], period: Period, root: OrgUnit
) -> dict[int, tuple[Decimal | None, bool]]:
    """target_rollup for many indicators: summed targets of the subtree for sum
    indicators, the root's own target otherwise; the annual plan stands in for
    a part-year period without its own."""
    codes = _plan_codes(period)
    summed = [i.pk for i in indicators if not i.is_ratio and i.aggregation == Aggregation.SUM]
    found: dict[tuple[int, str], Decimal] = {}
    if summed:
        for r in (
            Target.objects.filter(
                indicator_id__in=summed, period__in=codes, unit__path__startswith=root.path
            )
            .order_by()
            .values("indicator_id", "period")
            .annotate(s=Sum("value"))
        ):
            found[(r["indicator_id"], r["period"])] = r["s"]
    others = [i.pk for i in indicators if i.pk not in summed]
    if others:
        for t in Target.objects.filter(indicator_id__in=others, period__in=codes, unit=root):
            found[(t.indicator_id, t.period)] = t.value
    out: dict[int, tuple[Decimal | None, bool]] = {}
    for ind in indicators:
        out[ind.pk] = _planned(found, ind.pk, codes, period) or (None, False)
    return out


def summaries(
    indicators: list[Indicator], period: Period, root: OrgUnit, states: Iterable[str] = REPORTED
) -> list[RollupRow]:
    """summary() for many indicators with three queries in all."""
    last = period.same_period_last_year()
    figs = rollup_many(indicators, [period.code, last.code], root, states)
    plans = targets_many(indicators, period, root)
    rows = []
    for ind in indicators:
        now, before = figs[(ind.pk, period.code)], figs[(ind.pk, last.code)]
        row = RollupRow(unit=root, value=now.value, units=now.units, last_year=before.value)
        row.target, row.target_is_annual = plans[ind.pk]
        _compute(row)
        rows.append(row)
    return rows


def _compute(row: RollupRow) -> None:
    row.plan_percent = plan_percent(row.value, row.target)
    if row.value is not None and row.last_year is not None:
        row.change_value, row.change_percent = change(row.value, row.last_year)


def series(
    indicator: Indicator, periods: list[Period], root: OrgUnit, states: Iterable[str] = REPORTED
) -> list[tuple[Period, Decimal | None]]:
    return [(p, rollup(indicator, p.code, root, list(states)).value) for p in periods]


def compare_units(
    indicator: Indicator, period: Period, units: list[OrgUnit], states: Iterable[str] = REPORTED
) -> list[RollupRow]:
    rows = []
    for unit in units:
        fig = rollup(indicator, period.code, unit, list(states))
        last = rollup(indicator, period.same_period_last_year().code, unit, list(states))
        row = RollupRow(unit=unit, value=fig.value, units=fig.units, last_year=last.value)
        row.target, row.target_is_annual = target_rollup(indicator, period, unit)
        _compute(row)
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------
# Completeness and timeliness

DEFINITIONS = {
    "expected": "Số đơn vị phải báo cáo: các đơn vị được yêu cầu trong đợt báo cáo.",
    "submitted": (
        "Đã nộp: báo cáo đang ở trạng thái đã gửi hoặc đã chấp nhận "
        "(báo cáo bị trả lại phải gửi lại mới được tính)."
    ),
    "on_time": "Đúng hạn: gửi lần đầu không muộn hơn hạn nộp cộng số ngày gia hạn.",
    "completeness": "Tỷ lệ đầy đủ = số đã nộp / số đơn vị phải báo cáo × 100%.",
    "timeliness": "Tỷ lệ đúng hạn = số nộp đúng hạn / số đơn vị phải báo cáo × 100%.",
}


@dataclass
class Tally:
    expected: int = 0
    submitted: int = 0
    accepted: int = 0
    returned: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0  # not in and past the due date

    def add(self, other: Tally, times: int = 1) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + times * getattr(other, k))

    @property
    def completeness(self) -> Decimal | None:
        return plan_percent(self.submitted, self.expected)

    @property
    def timeliness(self) -> Decimal | None:
        return plan_percent(self.on_time, self.expected)


@dataclass
class Completeness:
    total: Tally
    nodes: list[tuple[OrgUnit, Tally, bool]] = field(default_factory=list)
    late: list[dict] = field(default_factory=list)
    root_path: str = ""


def _tally_one(status: str, first_at, late: bool, past_due: bool) -> Tally:
    t = Tally(expected=1)
    if status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        t.submitted = 1
    if status == ReportStatus.ACCEPTED:
        t.accepted = 1
    if status == ReportStatus.RETURNED:
        t.returned = 1
    if first_at is not None:
        if late:
            t.late = 1
        else:
            t.on_time = 1
    elif past_due:
        t.overdue = 1
    return t


def completeness(
    request: ReportRequest, reports=None, node: OrgUnit | None = None, today=None
) -> Completeness:
    """Expected, submitted and on time per branch of the tree.

    `reports` restricts which reports count (the viewer's scope); `node` is the
    unit whose children are listed (default: the lowest unit holding every
    report). Status and dates only: no content is read."""
    today = today or timezone.localdate()
    past_due = today > request.due_date
    qs = reports if reports is not None else request.reports.all()
    rows = list(
        qs.filter(request=request).values_list(
            "pk", "unit_id", "unit__path", "unit__name", "status", "first_submitted_at", "late"
        )
    )
    # A report's tally depends only on (status, sent or not, late): count the reports
    # per such kind and unit path, then add whole counts (10,000 reports, a few kinds).
    kinds: dict[tuple[str, bool, bool], Tally] = {}
    per_path: Counter[tuple[str, tuple[str, bool, bool]]] = Counter()
    late_list = []
    for pk, unit_id, path, name, status, first_at, late in rows:
        kind = (status, first_at is not None, bool(late))
        t = kinds.get(kind)
        if t is None:
            t = kinds[kind] = _tally_one(status, first_at, late, past_due)
        per_path[(path, kind)] += 1
        if t.late or t.overdue:
            late_list.append(
                {
                    "report_id": pk,
                    "unit_id": unit_id,
                    "unit": name,
                    "status": status,
                    "submitted_at": first_at,
                    "late": bool(t.late),
                    "overdue": bool(t.overdue),
                }
            )
    total = Tally()
    by_kind: Counter[tuple[str, bool, bool]] = Counter()
    for (_, kind), n in per_path.items():
        by_kind[kind] += n
    for kind, n in by_kind.items():
        total.add(kinds[kind], n)
    result = Completeness(total=total, late=sorted(late_list, key=lambda r: r["unit"]))
    if not rows:
        return result
    if node is None:
        paths = [r[2] for r in rows]
        common = paths[0]
        for p in paths[1:]:
            while not p.startswith(common):
                common = common[:-PATH_STEP]
        # list the branches directly under the common ancestor
        if len(rows) == 1:
            common = common[:-PATH_STEP]
        node_path = common
    else:
        node_path = node.path
    result.root_path = node_path
    width = len(node_path) + PATH_STEP
    counts: Counter[tuple[str, tuple[str, bool, bool]]] = Counter()
    for (path, kind), n in per_path.items():
        if len(path) >= width and path.startswith(node_path):
            counts[(path[:width], kind)] += n
    by_child: dict[str, Tally] = defaultdict(Tally)
    for (child, kind), n in counts.items():
        by_child[child].add(kinds[kind], n)
    child_paths = sorted(by_child)
    ids = [int(p[-PATH_STEP:]) for p in child_paths]
    own = Counter(r[1] for r in rows)
    units = OrgUnit.objects.in_bulk(ids)
    kids = set(OrgUnit.objects.filter(parent_id__in=ids).values_list("parent_id", flat=True))
    for p, i in zip(child_paths, ids, strict=True):
        if i in units:
            tally = by_child[p]
            # a branch with more than the unit itself can be opened
            result.nodes.append((units[i], tally, i in kids and tally.expected > own[i]))
    return result
