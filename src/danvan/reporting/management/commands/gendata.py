"""`danvan gendata`: a province-scale dataset for benchmarks.

    danvan gendata --units 2000 --indicators 100 --years 5 --periods Y

Builds a 4-level tree under a new top unit (through the org-tree services),
an indicator catalogue, accepted values for every unit × indicator × year ×
period (bulk inserted: this is test data, not user input), annual targets
for the first ten indicators, a reviewer on the top unit, and one request to
every unit below the top with about 70% submitted (some late), for the
completeness figures. Idempotent per --name: a second run does nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal
from typing import cast

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Field
from django.utils import timezone

from danvan.accounts import services as account_services
from danvan.core.periods import Period
from danvan.orgunits import services as unit_services
from danvan.orgunits.models import OrgUnit, UnitKind
from danvan.planning import services as planning_services
from danvan.planning.models import Indicator, Target
from danvan.reporting import services
from danvan.reporting.models import IndicatorValue, ReportStatus, UnitReport, ValueState
from danvan.reporting.services import subtree_sums

LEVEL_KINDS = [UnitKind.UBND_TINH, UnitKind.SO, UnitKind.PHONG, UnitKind.UBND_XA]


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _drop_secondary(cur, table: str) -> list[str]:
    """Drop a table's constraints (but its primary key) and indexes; return the
    statements that make them again."""
    cur.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('f', 'u', 'c')",
        [table],
    )
    constraints = cur.fetchall()
    q = connection.ops.quote_name
    # rows written earlier in the same transaction (the units, the indicators) leave
    # deferred foreign-key checks queued; ALTER TABLE refuses to run while they are
    cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for name, _ in constraints:
        cur.execute(f"ALTER TABLE {q(table)} DROP CONSTRAINT {q(name)}")
    cur.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary",
        [table],
    )
    indexes = cur.fetchall()
    for name, _ in indexes:
        cur.execute(f"DROP INDEX {name}")
    return [d for _, d in indexes] + [
        f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(n)} {d}" for n, d in constraints
    ]


def shape(total: int) -> list[int]:
    """How many units on levels 1..3 below the top for `total` units in all
    (4 levels): about 1 : 10 : rest."""
    rest = total - 1
    l1 = max(1, round(rest ** (1 / 3) / 1.3))
    l2 = max(l1, min(rest - l1, l1 * 10))
    l3 = max(0, rest - l1 - l2)
    return [l1, l2, l3]


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu thử quy mô tỉnh (đơn vị, chỉ tiêu, số liệu, một đợt báo cáo) để đo hiệu năng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=2000)
        parser.add_argument("--indicators", type=int, default=100)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--last-year", type=int, default=2025)
        parser.add_argument(
            "--periods",
            default="Y",
            help="kỳ có số liệu mỗi năm, phân cách bằng dấu phẩy: Y, H1, H2, Q1..Q4, M01..M12, 9M",
        )
        parser.add_argument("--name", default="Tỉnh thử nghiệm")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, **o):
        if o["units"] < 10:
            raise CommandError("Cần ít nhất 10 đơn vị.")
        User = get_user_model()
        admin, _ = User.objects.get_or_create(
            username="gendata", defaults={"is_superuser": True, "is_staff": True}
        )
        if not admin.is_superuser:
            raise CommandError("Tài khoản gendata phải là quản trị hệ thống.")
        top = OrgUnit.objects.filter(parent__isnull=True, name=o["name"]).first()
        if top is not None:
            self.stdout.write(f"Đã có dữ liệu “{o['name']}” (đơn vị #{top.pk}); không sinh lại.")
            return
        rng = random.Random(o["seed"])
        started = time.perf_counter()
        units = self._tree(admin, o["name"], o["units"])
        self.stdout.write(f"  {len(units)} đơn vị ({time.perf_counter() - started:.1f} s)")
        indicators = self._indicators(admin, o["indicators"])
        years = list(range(o["last_year"] - o["years"] + 1, o["last_year"] + 1))
        codes = [c.strip().upper() for c in o["periods"].split(",") if c.strip()]
        t = time.perf_counter()
        n = self._values(units, indicators, years, codes, rng)
        self.stdout.write(f"  {n:,} số liệu ({time.perf_counter() - t:.1f} s)".replace(",", "."))
        t = time.perf_counter()
        rows = subtree_sums.rebuild()
        self.stdout.write(f"  {rows:,} dòng tổng hợp theo nhánh ({time.perf_counter() - t:.1f} s)")
        self._targets(units, indicators[:10], years, rng)
        reviewer, _ = account_services.create_user(
            admin,
            username=f"thamdinh.{units[0].pk}",
            full_name="Cán bộ thẩm định thử nghiệm",
            password="Bench@2026-danvan",
            unit=units[0],
            kind="reviewer",
        )
        self._request(admin, units, indicators[:5], o["last_year"], rng)
        self.stdout.write(
            f"Xong trong {time.perf_counter() - started:.0f} s: đơn vị gốc #{units[0].pk}, "
            f"người thẩm định {reviewer.username}."
        )

    def _tree(self, admin, name: str, total: int) -> list[OrgUnit]:
        l1, l2, l3 = shape(total)
        with transaction.atomic():
            top = unit_services.create_unit(
                admin, parent=None, kind=LEVEL_KINDS[0], name=name, short_code=f"TTN{total}"
            )
            out = [top]
            parents = [top]
            # Each level's units spread evenly over the level above.
            for kind, (count, label, prefix) in zip(
                LEVEL_KINDS[1:],
                ((l1, "Sở", "S"), (l2, "Phòng", "P"), (l3, "Xã", "X")),
                strict=True,
            ):
                parents = [
                    unit_services.create_unit(
                        admin,
                        parent=parents[i % len(parents)],
                        kind=kind,
                        name=f"{label} thử nghiệm {i + 1}",
                        short_code=f"{prefix}{i + 1}",
                    )
                    for i in range(count)
                ]
                out.extend(parents)
        return out

    def _indicators(self, admin, count: int) -> list[Indicator]:
        out = []
        with transaction.atomic():
            for i in range(1, count + 1):
                code = f"TN{i:03d}"
                ind = Indicator.objects.filter(
                    code=code
                ).first() or planning_services.create_indicator(
                    admin,
                    code=code,
                    name=f"Chỉ tiêu thử nghiệm {i}",
                    unit_of_measure="lượt",
                    group="Thử nghiệm",
                )
                out.append(ind)
        return out

    def _values(self, units, indicators, years, codes, rng) -> int:
        if connection.vendor == "postgresql":
            return self._copy_values(units, indicators, years, codes, rng)
        now = timezone.now()
        batch: list[IndicatorValue] = []
        count = 0
        for year in years:
            periods = [Period.parse(f"{year}-{c}") for c in codes]
            for unit in units:
                for ind in indicators:
                    for p in periods:
                        batch.append(
                            IndicatorValue(
                                indicator_id=ind.pk,
                                unit_id=unit.pk,
                                period=p.code,
                                year=year,
                                value=Decimal(rng.randint(0, 5000)),
                                state=ValueState.ACCEPTED,
                                updated_at=now,
                            )
                        )
                if len(batch) >= 20000:
                    with transaction.atomic():
                        IndicatorValue.objects.bulk_create(batch, batch_size=5000)
                    count += len(batch)
                    batch = []
        if batch:
            with transaction.atomic():
                IndicatorValue.objects.bulk_create(batch, batch_size=5000)
            count += len(batch)
        return count

    def _copy_values(self, units, indicators, years, codes, rng) -> int:
        """PostgreSQL: COPY the rows (millions in a minute or two, where INSERTs take many)."""
        proto = IndicatorValue(
            indicator_id=indicators[0].pk,
            unit_id=units[0].pk,
            period="",
            year=0,
            value=Decimal(0),
            state=ValueState.ACCEPTED,
            updated_at=timezone.now(),
        )
        fields = [f for f in IndicatorValue._meta.concrete_fields if not f.primary_key]
        text = [
            _copy_text(f.get_db_prep_save(getattr(proto, f.attname), connection)) for f in fields
        ]
        names = [f.attname for f in fields]
        # Every column but these five is the same on every row: format the line once.
        varying = ["indicator_id", "unit_id", "period", "year", "value"]
        fixed = "\t".join(t for n, t in zip(names, text, strict=True) if n not in varying)
        cols = ", ".join(
            connection.ops.quote_name(cast(Field, IndicatorValue._meta.get_field(n)).column or n)
            for n in [*varying, *(n for n in names if n not in varying)]
        )
        table = connection.ops.quote_name(IndicatorValue._meta.db_table)
        count = 0
        with transaction.atomic(), connection.cursor() as cur:
            # Bulk load: indexes and constraints off during the COPY, rebuilt after
            # (one sort each instead of millions of random inserts and FK checks).
            empty = not IndicatorValue.objects.exists()
            rebuild = _drop_secondary(cur, IndicatorValue._meta.db_table) if empty else []
            with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for year in years:
                    periods = [Period.parse(f"{year}-{c}").code for c in codes]
                    for unit in units:
                        lines = []
                        for ind in indicators:
                            head = f"{ind.pk}\t{unit.pk}\t"
                            for p in periods:
                                lines.append(
                                    f"{head}{p}\t{year}\t{rng.randint(0, 5000)}\t{fixed}\n"
                                )
                        copy.write("".join(lines).encode())
                        count += len(lines)
            cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for statement in rebuild:
                cur.execute(statement)
        return count

    def _targets(self, units, indicators, years, rng) -> None:
        rows = [
            Target(
                indicator_id=ind.pk,
                unit_id=u.pk,
                period=f"{y}-Y",
                year=y,
                value=Decimal(rng.randint(1000, 6000)),
            )
            for y in years
            for u in units
            for ind in indicators
        ]
        with transaction.atomic():
            Target.objects.bulk_create(rows, batch_size=5000)

    def _request(self, admin, units, indicators, year, rng) -> None:
        with transaction.atomic():
            req = services.create_request(
                admin,
                requester_unit=units[0],
                title=f"Báo cáo năm {year} (thử nghiệm)",
                period=f"{year}-Y",
                deadline=dt.date(year, 12, 20),
                units=units[1:],
                indicators=indicators,
                headings=["1. Kết quả", "2. Tồn tại, hạn chế", "3. Kiến nghị"],
            )
            due = timezone.make_aware(dt.datetime(year, 12, 20, 9))
            on_time, late = [], []
            for pk in req.reports.values_list("pk", flat=True):
                x = rng.random()
                if x < 0.6:
                    on_time.append(pk)
                elif x < 0.7:
                    late.append(pk)
            UnitReport.objects.filter(pk__in=on_time).update(
                status=ReportStatus.SUBMITTED, first_submitted_at=due, submitted_at=due
            )
            later = due + dt.timedelta(days=5)
            UnitReport.objects.filter(pk__in=late).update(
                status=ReportStatus.ACCEPTED,
                first_submitted_at=later,
                submitted_at=later,
                late=True,
            )
