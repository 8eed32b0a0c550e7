"""Build the engine's Scenario from the database records of a round.

People are "p<staff id>", collectives "u<unit id>". The database is the whole
record for titles, innovations and discipline (an empty list is "none"); a
year without a rating or without leave entered is unknown to the engine.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.db.models import Q

from danvan.core.rules import (
    Collective,
    Discipline,
    EngineConfig,
    Innovation,
    Nomination,
    Person,
    Quota,
    Scenario,
)
from danvan.orgunits.models import OrgUnit, StaffMember

from .models import (
    CLOSED_STATUSES,
    AwardRecord,
    AwardRound,
    ClusterLeader,
    CollectiveRating,
    DisciplinaryAction,
    NominationStatus,
    PerformanceRating,
    QuotaRule,
)
from .models import Innovation as InnovationRecord
from .models import Nomination as NominationRecord


def engine_config() -> EngineConfig:
    """The deployment's switches (DANVAN_RULES_DISABLED)."""
    return EngineConfig(
        disabled_rules=frozenset(getattr(settings, "DANVAN_RULES_DISABLED", [])),
        include_unconfirmed=getattr(settings, "DANVAN_RULES_UNCONFIRMED", False),
    )


def counted_records():
    """The titles the engine counts: not revoked (Luật 2022 Điều 93 khoản 2),
    not theme-based or sudden awards (NĐ 152/2025 Điều 4 khoản 3, not a basis
    for higher awards)."""
    return AwardRecord.objects.filter(revocation__isnull=True, theme_based=False)


def person_key(staff_id: int) -> str:
    return f"p{staff_id}"


def unit_key(unit_id: int) -> str:
    return f"u{unit_id}"


@dataclass
class Built:
    """A scenario and the database objects behind its ids."""

    scenario: Scenario
    staff: dict[str, StaffMember] = field(default_factory=dict)
    units: dict[str, OrgUnit] = field(default_factory=dict)
    nominations: list[NominationRecord] = field(default_factory=list)

    def name(self, key: str) -> str:
        obj = self.staff.get(key) or self.units.get(key)
        return str(obj) if obj is not None else key


def round_staff(rnd: AwardRound, on: dt.date | None = None) -> list[StaffMember]:
    """Who works in the round's unit (its subtree) and has not left."""
    on = on or dt.date.today()
    return list(
        StaffMember.objects.filter(unit__path__startswith=rnd.unit.path)
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=on))
        .select_related("unit")
    )


def round_collectives(rnd: AwardRound) -> list[OrgUnit]:
    """The round's unit and its active sub-units (phòng), as collectives."""
    return list(
        OrgUnit.objects.filter(path__startswith=rnd.unit.path, valid_to__isnull=True).order_by(
            "path"
        )
    )


def _people(staff: Iterable[StaffMember]) -> list[Person]:
    staff = list(staff)
    ids = [s.pk for s in staff]
    # Plain tuples, not model instances: a round of thousands stays fast.
    ratings: dict[int, dict[int, str]] = defaultdict(dict)
    leave: dict[int, dict[int, int]] = defaultdict(dict)
    rows = PerformanceRating.objects.filter(staff_id__in=ids).values_list(
        "staff_id", "year", "rating", "leave_working_days"
    )
    for staff_id, year, rating, days in rows:
        ratings[staff_id][year] = rating
        if days is not None:
            leave[staff_id][year] = days
    titles: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for staff_id, year, title in (
        counted_records().filter(staff_id__in=ids).values_list("staff_id", "year", "title")
    ):
        titles[staff_id][year].add(title)
    innovations: dict[int, list[Innovation]] = defaultdict(list)
    for staff_id, year, scope, applied in InnovationRecord.objects.filter(
        staff_id__in=ids
    ).values_list("staff_id", "year", "scope", "applied"):
        innovations[staff_id].append(Innovation(year, scope, applied))
    discipline: dict[int, list[Discipline]] = defaultdict(list)
    for staff_id, level, decided_on, term_ends_on, pending in DisciplinaryAction.objects.filter(
        staff_id__in=ids
    ).values_list("staff_id", "level", "decided_on", "effective_until", "pending"):
        discipline[staff_id].append(
            Discipline(level or None, decided_on, pending=pending, term_ends_on=term_ends_on)
        )
    return [
        Person(
            id=person_key(s.pk),
            name=s.full_name,
            recruited_on=s.recruited_on,
            ratings=dict(ratings[s.pk]),
            leave_working_days=dict(leave[s.pk]),
            titles={y: frozenset(t) for y, t in titles[s.pk].items()},
            innovations=tuple(innovations[s.pk]),
            discipline=tuple(discipline[s.pk]),
        )
        for s in staff
    ]


def cluster_rows(rnd: AwardRound) -> list[ClusterLeader]:
    """The cụm, khối leaders recorded by the round's unit or a unit above it
    (the ministry or province that runs the clusters)."""
    organisers = [*rnd.unit.ancestors(), rnd.unit]
    return list(
        ClusterLeader.objects.filter(organiser__in=organisers).select_related("leader", "organiser")
    )


def cluster_facts(rows: list[ClusterLeader], year: int) -> tuple[dict[int, set[int]], int | None]:
    """Leaders by year (a year with rows is complete: a unit not listed led
    no cluster), and the year's leaders meeting the Cờ bộ, tỉnh criteria
    (None when nothing is recorded for the year)."""
    leaders: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        leaders[row.year].add(row.leader_id)
    if year not in leaders:
        return leaders, None
    meeting = {r.leader_id for r in rows if r.year == year and r.meets_flag_criteria}
    return leaders, len(meeting)


def _collectives(
    units: list[OrgUnit], staff: list[StaffMember], leaders: dict[int, set[int]]
) -> list[Collective]:
    ids = [u.pk for u in units]
    ratings: dict[int, dict[int, str]] = defaultdict(dict)
    for unit_id, year, rating in CollectiveRating.objects.filter(unit_id__in=ids).values_list(
        "unit_id", "year", "rating"
    ):
        ratings[unit_id][year] = rating
    titles: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for unit_id, year, title in (
        counted_records()
        .filter(collective_id__in=ids)
        .values_list("collective_id", "year", "title")
    ):
        titles[unit_id][year].add(title)
    # Members of a collective: everyone whose unit lies in its subtree.
    by_path: dict[str, list[str]] = defaultdict(list)
    for s in staff:
        by_path[s.unit.path].append(person_key(s.pk))
    # A subtree's paths are one run of the sorted paths (materialised, zero-padded):
    # found by bisection, not by testing every path against every unit.
    paths = sorted(by_path)
    seen = {path: i for i, path in enumerate(by_path)}  # keep the staff's own order
    out = []
    for u in units:
        run = paths[bisect_left(paths, u.path) : bisect_right(paths, u.path + "\U0010ffff")]
        members = tuple(key for path in sorted(run, key=seen.__getitem__) for key in by_path[path])
        out.append(
            Collective(
                id=unit_key(u.pk),
                name=u.name,
                members=members or None,
                ratings=dict(ratings[u.pk]),
                titles={y: frozenset(t) for y, t in titles[u.pk].items()},
                cluster_leader={y: u.pk in led for y, led in leaders.items()} or None,
            )
        )
    return out


def round_quotas(rnd: AwardRound) -> tuple[Quota, ...]:
    quotas = []
    for q in QuotaRule.objects.filter(unit=rnd.deciding_unit, year=rnd.year):
        quotas.append(
            Quota(
                title=q.title,
                max_percent_of=q.max_percent_of or None,
                percent=Fraction(q.percent) if q.percent is not None else None,
                max_count=q.max_count,
            )
        )
    return tuple(quotas)


def live_nominations(rnd: AwardRound, statuses=None) -> list[NominationRecord]:
    qs = rnd.nominations.exclude(status__in=CLOSED_STATUSES).exclude(
        status=NominationStatus.DECIDED
    )
    if statuses is not None:
        qs = qs.filter(status__in=statuses)
    return list(qs.select_related("staff", "collective"))


def _nomination(nom: NominationRecord, rnd: AwardRound) -> Nomination:
    """The nomination with the council's vote on it (all members, yes votes)."""
    voted = nom.votes_for is not None
    members = nom.council_members or rnd.council_members
    return Nomination(
        nom.subject_key,
        nom.title,
        council_members=members if voted else None,
        votes_for=nom.votes_for if voted and members else None,
    )


def build_for_round(
    rnd: AwardRound,
    nominations: list[NominationRecord] | None = None,
    on: dt.date | None = None,
) -> Built:
    """The round's people, collectives, quotas and (live) nominations."""
    staff = round_staff(rnd, on)
    noms = live_nominations(rnd) if nominations is None else nominations
    # A subject of a nomination is always part of the scenario, even one who
    # has since left (the check then shows their record as it stands).
    present = {s.pk for s in staff}
    extra_ids = {n.staff_id for n in noms if n.staff_id and n.staff_id not in present}
    if extra_ids:
        staff += list(StaffMember.objects.filter(pk__in=extra_ids).select_related("unit"))
    units = round_collectives(rnd)
    unit_ids = {u.pk for u in units}
    extra_units = {
        n.collective_id for n in noms if n.collective_id and n.collective_id not in unit_ids
    }
    if extra_units:
        units += list(OrgUnit.objects.filter(pk__in=extra_units))
    leaders, meeting = cluster_facts(cluster_rows(rnd), rnd.year)
    scenario = Scenario(
        year=rnd.year,
        people=tuple(_people(staff)),
        collectives=tuple(_collectives(units, staff, leaders)),
        nominations=tuple(_nomination(n, rnd) for n in noms),
        quotas=round_quotas(rnd),
        authority=rnd.authority,
        # The dossier's received date picks the decree (legal-verified rows
        # 2–3); before submission the engine uses 31/12 of the year.
        received_on=rnd.submitted_on,
        cluster_leaders=meeting,
    )
    return Built(
        scenario=scenario,
        staff={person_key(s.pk): s for s in staff},
        units={unit_key(u.pk): u for u in units},
        nominations=noms,
    )
