"""The branch sums (ValueRollup): kept right by every write of a value, read by
the roll-ups.

A row (unit, indicator, period, state) holds the total and the number of
non-empty values of the units strictly below `unit`. A subtree's figure is its
root's own value plus that row: two indexed lookups, whatever the subtree's
size. The writers (services.values.store_value and refresh_states, a unit's
move) call `record` / `apply` in their own transaction, so the sums commit or
roll back with the values. Deltas are upserts (`total = total + …`), sorted
by key so two transactions never lock the same rows in opposite orders.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.db.models.functions import Substr

from danvan.core.numbers import to_decimal
from danvan.orgunits.models import PATH_STEP, OrgUnit
from danvan.reporting.models import IndicatorValue, ValueRollup

# (unit_id, indicator_id, period, state) -> [total, count]
Deltas = dict[tuple[int, int, str, str], list]


def ancestors(path: str) -> list[int]:
    """Ids of the units strictly above the unit whose path this is."""
    return [int(path[i : i + PATH_STEP]) for i in range(0, len(path) - PATH_STEP, PATH_STEP)]


def _add(
    deltas: Deltas,
    units: Iterable[int],
    indicator_id: int,
    period: str,
    state: str,
    total: Decimal,
    count: int,
) -> None:
    for unit_id in units:
        slot = deltas.setdefault((unit_id, indicator_id, period, state), [Decimal(0), 0])
        slot[0] += total
        slot[1] += count


def apply(deltas: Deltas) -> None:
    """Add the deltas to the stored sums (rows made when missing)."""
    rows = sorted((k, v) for k, v in deltas.items() if v[0] or v[1])
    if not rows:
        return
    q = connection.ops.quote_name
    table = q(ValueRollup._meta.db_table)
    total, count = q("total"), q("count")
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        params: list = []
        for (unit_id, indicator_id, period, state), (t, n) in chunk:
            params += [unit_id, indicator_id, period, state, t, n]
        placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {table} (unit_id, indicator_id, period, state, {total}, {count}) "
                f"VALUES {placeholders} "
                "ON CONFLICT (unit_id, indicator_id, period, state) DO UPDATE SET "
                f"{total} = {table}.{total} + excluded.{total}, "
                f"{count} = {table}.{count} + excluded.{count}",
                params,
            )


def record(
    unit_id: int,
    indicator_id: int,
    period: str,
    before: tuple[Decimal | None, str] | None,
    after: tuple[Decimal | None, str] | None,
    path: str | None = None,
) -> None:
    """One value changed from `before` to `after` ((value, state), None when
    the row did not or no longer exists): move its part of the branch sums."""
    if before == after:
        return
    if path is None:
        path = OrgUnit.objects.filter(pk=unit_id).values_list("path", flat=True).first() or ""
    above = ancestors(path)
    if not above:
        return
    deltas: Deltas = {}
    for side, sign in ((before, -1), (after, 1)):
        if side is not None and side[0] is not None:
            _add(deltas, above, indicator_id, period, side[1], sign * side[0], sign)
    apply(deltas)


def unit_moved(unit: OrgUnit, old_path: str) -> None:
    """A unit (and its subtree) moved from old_path to unit.path: its values
    leave the sums of the old units above it and join those of the new ones."""
    old, new = set(ancestors(old_path)), set(ancestors(unit.path))
    gone, came = old - new, new - old
    if not gone and not came:
        return
    moved = (
        IndicatorValue.objects.filter(unit__path__startswith=unit.path, value__isnull=False)
        .values("indicator_id", "period", "state")
        .annotate(s=Sum("value"), n=Count("id"))
        .order_by()
    )
    deltas: Deltas = {}
    for r in moved:
        s = to_decimal(r["s"])
        _add(deltas, gone, r["indicator_id"], r["period"], r["state"], -s, -r["n"])
        _add(deltas, came, r["indicator_id"], r["period"], r["state"], s, r["n"])
    apply(deltas)


def on_unit_moved(sender, unit: OrgUnit, old_path: str, **kwargs) -> None:
    """Receiver of orgunits.signals.unit_moved (connected in ReportingConfig.ready)."""
    unit_moved(unit, old_path)


def branch_sums(
    indicator_ids: Iterable[int],
    codes: Iterable[str],
    unit_ids: Iterable[int],
    states: Iterable[str],
) -> dict[tuple[int, int, str], tuple[Decimal, int]]:
    """{(unit_id, indicator_id, period): (total, count)} of each unit's whole
    subtree (its own values and the sums below it); keys without a value are
    left out. Two queries."""
    filters = {
        "unit_id__in": list(unit_ids),
        "indicator_id__in": list(indicator_ids),
        "period__in": list(codes),
        "state__in": list(states),
    }
    out: dict[tuple[int, int, str], list] = defaultdict(lambda: [Decimal(0), 0])
    own = (
        IndicatorValue.objects.filter(**filters, value__isnull=False)
        .values("unit_id", "indicator_id", "period")
        .annotate(s=Sum("value"), n=Count("id"))
        .order_by()
    )
    below = (
        ValueRollup.objects.filter(**filters)
        .values("unit_id", "indicator_id", "period")
        .annotate(s=Sum("total"), n=Sum("count"))
        .order_by()
    )
    for rows in (own, below):
        for r in rows:
            slot = out[(r["unit_id"], r["indicator_id"], r["period"])]
            slot[0] += to_decimal(r["s"] or 0)
            slot[1] += r["n"] or 0
    return {k: (v[0], v[1]) for k, v in out.items() if v[1]}


def computed(values_model=IndicatorValue, units_model=OrgUnit) -> dict:
    """The branch sums recomputed from the values: {key: (total, count)}
    (the check, and the rebuild). The models may be a migration's."""
    depths = units_model.objects.values_list("depth", flat=True).distinct()
    top = max(depths, default=0)
    out: dict[tuple[int, int, str, str], tuple[Decimal, int]] = {}
    for level in range(top):
        width = (level + 1) * PATH_STEP
        rows = (
            values_model.objects.filter(unit__depth__gt=level, value__isnull=False)
            .annotate(branch=Substr("unit__path", 1, width))
            .values("branch", "indicator_id", "period", "state")
            .annotate(s=Sum("value"), n=Count("id"))
            .order_by()
        )
        for r in rows.iterator(chunk_size=5000):
            key = (int(r["branch"][-PATH_STEP:]), r["indicator_id"], r["period"], r["state"])
            out[key] = (to_decimal(r["s"]), r["n"])
    return out


def stored() -> dict[tuple[int, int, str, str], tuple[Decimal, int]]:
    """The branch sums as kept (rows with a zero count left out)."""
    return {
        (r.unit_id, r.indicator_id, r.period, r.state): (to_decimal(r.total), r.count)
        for r in ValueRollup.objects.exclude(count=0).iterator(chunk_size=5000)
    }


def rebuild(values_model=IndicatorValue, units_model=OrgUnit, rollup_model=ValueRollup) -> int:
    """Recompute every branch sum from the values (after a bulk load, or to
    repair); returns the number of rows."""
    with transaction.atomic():
        sums = computed(values_model, units_model)
        rollup_model.objects.all().delete()
        rollup_model.objects.bulk_create(
            (
                rollup_model(unit_id=u, indicator_id=i, period=p, state=st, total=total, count=n)
                for (u, i, p, st), (total, n) in sums.items()
            ),
            batch_size=5000,
        )
    return len(sums)
