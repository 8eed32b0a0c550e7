"""Year summaries of commendation results."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from danvan.core.rules import (
    TITLES,
    title_label,
)
from danvan.emulation.models import (
    AwardRecord,
    AwardRound,
)
from danvan.emulation.scenario import round_staff
from danvan.orgunits.models import OrgUnit, StaffMember

# --- summaries ---------------------------------------------------------------------


def commendation_summary(unit: OrgUnit, year: int) -> dict[str, Any]:
    """Titles and awards of a year in a unit's subtree, counted by title, by
    unit and by level (individual/collective), with the deciding body: the
    "Kết quả khen thưởng" section of a year-end report, as plain data."""
    records = list(
        AwardRecord.objects.filter(unit__path__startswith=unit.path, year=year).select_related(
            "unit", "staff", "collective"
        )
    )
    order = {code: i for i, code in enumerate(TITLES)}
    by_title: dict[tuple[str, str, str], int] = Counter()
    by_unit: dict[tuple[int, str, str], int] = Counter()
    units: dict[int, OrgUnit] = {}
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in records:
        level = "collective" if r.collective_id else "individual"
        by_title[(level, r.title, r.decided_by)] += 1
        by_unit[(r.unit_id, level, r.title)] += 1
        units[r.unit_id] = r.unit
        names[(level, r.title)].append(r.subject_name)

    def rows(level: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = [
            {
                "title": title,
                "label": title_label(title),
                "decided_by": decided_by,
                "count": n,
            }
            for (lv, title, decided_by), n in by_title.items()
            if lv == level
        ]
        out.sort(key=lambda r: (order[r["title"]], r["decided_by"]))
        return out

    individual, collective = rows("individual"), rows("collective")
    unit_rows: list[dict[str, Any]] = [
        {
            "unit_id": uid,
            "unit": units[uid].name,
            "level": level,
            "title": title,
            "label": title_label(title),
            "count": n,
        }
        for (uid, level, title), n in by_unit.items()
    ]
    unit_rows.sort(key=lambda r: (units[r["unit_id"]].path, r["level"], order[r["title"]]))

    def line(row: dict[str, Any], who: str) -> str:
        giver = f"{row['decided_by']} tặng " if row["decided_by"] else "Được tặng "
        return f"{giver}{row['label']} cho {row['count']:02d} {who}"

    return {
        "unit": {"id": unit.pk, "name": unit.name},
        "year": year,
        "individual": individual,
        "collective": collective,
        "by_unit": unit_rows,
        "totals": {
            "individual": sum(r["count"] for r in individual),
            "collective": sum(r["count"] for r in collective),
        },
        "names": {f"{lv}:{title}": sorted(n) for (lv, title), n in names.items()},
        "lines": {
            "collective": [line(r, "tập thể") for r in collective],
            "individual": [line(r, "cá nhân") for r in individual],
        },
    }


def round_staff_choices(rnd: AwardRound) -> list[StaffMember]:
    return sorted(round_staff(rnd), key=lambda s: (s.unit.path, s.full_name))
