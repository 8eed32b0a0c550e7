"""What NĐ 152/2025 asks of the state-level titles in a round.

- Council votes (legal-verified row 42, Điều 33 khoản 5, grade A): CSTĐ toàn
  quốc needs ≥ 90% and Cờ thi đua của Chính phủ ≥ 80% of ALL members of the
  council; below that the council's vote does not pass it and no decision
  is issued for it.
- Cờ thi đua của Chính phủ (row 32, Điều 7 khoản 1, grade A): the collective
  was voted the leader of a cụm, khối thi đua, and the ministry or province
  proposes at most 20% of its cụm, khối leaders that also meet the Cờ thi
  đua cấp bộ, tỉnh criteria. The leaders are entered data (ClusterLeader).

Both apply where NĐ 152 governs the dossier (its Phase switches them on),
as the engine decides.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.rules import regime_for_year, title_label
from danvan.core.rules.awards import (
    CLUSTER_CAP_BASIS,
    CLUSTER_CAP_PERCENT,
    VOTE_THRESHOLDS,
    cluster_leader_cap,
    votes_needed,
)
from danvan.core.rules.model import CO_THI_DUA_CHINH_PHU
from danvan.core.rules.national import CLUSTER_CAP, COUNCIL_VOTE
from danvan.emulation.models import AwardRound, ClusterLeader, Nomination
from danvan.emulation.scenario import cluster_facts, cluster_rows
from danvan.emulation.services.common import S, _year_ok
from danvan.emulation.services.rounds import _require_quota_rights
from danvan.orgunits.models import OrgUnit


def decree_rules_on(rnd: AwardRound, on: dt.date) -> frozenset[str]:
    """The rule ids the decree governing a dossier received `on` switches on."""
    regime = regime_for_year(rnd.year)
    phase = regime.phase_for(on) if regime is not None else None
    return frozenset() if phase is None else phase.rules_on


def received_on(rnd: AwardRound) -> dt.date:
    """The dossier's received date (the submission), or today before it."""
    return rnd.submitted_on or dt.date.today()


def vote_refusal(title: str, yes: int | None, members: int | None) -> str | None:
    """Why the council's vote does not carry a title with a national
    threshold (None: it does, or the title has none)."""
    threshold = VOTE_THRESHOLDS.get(title)
    if threshold is None:
        return None
    need = f"từ {threshold.percent}% tổng số thành viên Hội đồng"
    basis = threshold.basis.provision
    if yes is None or not members:
        return (
            f"{title_label(title)} chưa có kết quả biểu quyết của Hội đồng (cần {need} "
            f"đồng ý, {basis})"
        )
    needed = votes_needed(title, members)
    if needed is not None and yes >= needed:
        return None
    return (
        f"Chưa đạt ngưỡng biểu quyết: {yes}/{members} thành viên Hội đồng đồng ý, "
        f"{title_label(title)} cần {need} ({needed} phiếu) theo {basis}"
    )


def cluster_cap(rnd: AwardRound, nominations: list[Nomination]) -> dict:
    """The Cờ thi đua của Chính phủ cap of a round, for its page and checks."""
    rows = [r for r in cluster_rows(rnd) if r.year == rnd.year]
    _leaders, meeting = cluster_facts(rows, rnd.year)
    flags = {n.collective_id for n in nominations if n.title == CO_THI_DUA_CHINH_PHU}
    allowed = None if meeting is None else cluster_leader_cap(meeting)
    return {
        "rows": rows,
        "meeting": meeting,
        "allowed": allowed,
        "nominated": len(flags),
        "passes": None if allowed is None else len(flags) <= allowed,
        "percent": CLUSTER_CAP_PERCENT,
        "year": rnd.year,
        "basis": CLUSTER_CAP_BASIS.text(),
    }


def cap_refusal(cap: dict) -> str | None:
    label = title_label(CO_THI_DUA_CHINH_PHU)
    if not cap["nominated"]:
        return None
    if cap["meeting"] is None:
        return (
            f"Chưa nhập các tập thể dẫn đầu cụm, khối thi đua năm {cap['year']} để tính giới hạn "
            f"{cap['percent']}% {label}"
        )
    if cap["passes"]:
        return None
    return (
        f"{cap['nominated']} đề nghị {label} vượt {cap['percent']}% của {cap['meeting']} tập "
        f"thể dẫn đầu cụm, khối thi đua đủ tiêu chuẩn Cờ thi đua cấp bộ, tỉnh "
        f"(tối đa {cap['allowed']}; {CLUSTER_CAP_BASIS.provision})"
    )


def state_level_problems(rnd: AwardRound, nominations: list[Nomination], on: dt.date) -> list[str]:
    """Why a decision may not be issued for these nominations under NĐ 152:
    a vote below the national threshold, or the cụm, khối cap exceeded."""
    rules_on = decree_rules_on(rnd, on)
    problems = []
    if COUNCIL_VOTE in rules_on:
        for nom in nominations:
            why = vote_refusal(nom.title, nom.votes_for, nom.council_members)
            if why is not None:
                problems.append(f"{nom.subject_name}: {why}")
    if CLUSTER_CAP in rules_on:
        decided = list(rnd.nominations.filter(status=S.DECIDED, title=CO_THI_DUA_CHINH_PHU))
        why = cap_refusal(cluster_cap(rnd, [*nominations, *decided]))
        if why is not None:
            problems.append(why)
    return problems


# --- the cụm, khối leaders (entered data) --------------------------------------------


def _require_cluster_rights(user, unit: OrgUnit) -> None:
    _require_quota_rights(
        user, unit, "Chỉ cơ quan tổ chức cụm, khối thi đua được ghi tập thể dẫn đầu cụm, khối."
    )


@transaction.atomic
def record_cluster_leader(
    user,
    *,
    organiser: OrgUnit,
    year: int,
    cluster: str,
    leader: OrgUnit,
    meets_flag_criteria: bool = False,
) -> ClusterLeader:
    _require_cluster_rights(user, organiser)
    year = _year_ok(year)
    cluster = (cluster or "").strip()
    if not cluster:
        raise DomainError("Vui lòng nhập tên cụm, khối thi đua.", field="cluster")
    if leader is None:
        raise DomainError("Vui lòng chọn tập thể dẫn đầu.", field="leader")
    if not leader.is_within(organiser):
        raise DomainError(
            f"{leader.name} không thuộc {organiser.name}; chỉ ghi tập thể trong phạm vi "
            "cơ quan tổ chức cụm, khối.",
            field="leader",
        )
    row = ClusterLeader(
        organiser=organiser,
        year=year,
        cluster=cluster[:255],
        leader=leader,
        meets_flag_criteria=bool(meets_flag_criteria),
    )
    return audit.add(
        user,
        row,
        unit_id=organiser.pk,
        taken=DomainError(
            f"{cluster} năm {year} đã có tập thể dẫn đầu; xóa dòng cũ trước khi ghi lại.",
            field="cluster",
        ),
    )


@transaction.atomic
def delete_cluster_leader(user, row: ClusterLeader) -> None:
    _require_cluster_rights(user, row.organiser)
    audit.delete(user, row, unit_id=row.organiser_id)
