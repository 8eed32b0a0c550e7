"""Who takes each step of a round. Pages show a step's controls only to those
who may take it; everyone else reads who does it (“Bước này do … thực hiện”)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from danvan.accounts import access
from danvan.emulation import services
from danvan.emulation.models import NominationStatus
from danvan.orgunits.models import head_title

S = NominationStatus


@dataclass(frozen=True)
class Step:
    label: str  # the round page's tab, or what the step is called
    work: str  # what the person does, for the hint
    url_name: str  # where it is done


STEPS: dict[str, Step] = {
    "pledge": Step("Đăng ký thi đua", "ghi đăng ký thi đua đầu năm", "awardround_pledges"),
    "nominate": Step("Lập đề nghị", "lập đề nghị khen thưởng", "awardround_suggestions"),
    "council": Step("Hội đồng bỏ phiếu", "ghi kết quả bỏ phiếu của Hội đồng", "awardround_council"),
    "disclose": Step("Công khai", "công khai danh sách để lấy ý kiến", "awardround_disclosure"),
    "submit": Step("Trình cấp trên", "ký Tờ trình và trình đề nghị", "awardround_submit"),
    "appraise": Step("Thẩm định", "thẩm định từng đề nghị", "appraisal_queue"),
    "decide": Step("Quyết định", "ký, ban hành quyết định khen thưởng", "awardround_decide"),
    "revoke": Step("Hủy bỏ khen thưởng", "hủy bỏ khen thưởng", "awardround_decide"),
}


def owner(rnd, step: str) -> str:
    """Who takes the step, named the way the agency says it."""
    unit, deciding = rnd.unit, rnd.deciding_unit
    if step == "council":
        return f"thư ký Hội đồng thi đua – khen thưởng của {unit.name}"
    if step == "submit":
        return f"{head_title(unit.kind)} {unit.name}"
    if step == "appraise":
        return f"cán bộ thẩm định của {deciding.name}"
    if step in ("decide", "revoke"):
        return f"{head_title(deciding.kind)} {deciding.name}"
    return f"cán bộ {unit.name}"


def hint(rnd, step: str) -> str:
    return f"Bước này do {owner(rnd, step)} thực hiện ({STEPS[step].work})."


_RIGHT = {
    "pledge": ("edit", False),
    "nominate": ("edit", False),
    "disclose": ("edit", False),
    "council": ("council", False),
    "submit": ("approve", False),
    "appraise": ("review", True),
    "decide": ("approve", True),
    "revoke": ("approve", True),
}


def may(user, rnd, step: str) -> bool:
    action, at_decider = _RIGHT[step]
    if at_decider:
        return access.can(user, action, rnd.deciding_unit)
    return services.unit_step_allowed(user, action, rnd)


def hint_unless_may(user, rnd, step: str) -> str:
    """The hint, for someone who may not take the step; "" for someone who may."""
    return "" if may(user, rnd, step) else hint(rnd, step)


def next_step(rnd, counts: Counter | None = None) -> str | None:
    """The step the round waits for, or None (nothing pending, or the list is
    being publicly commented on and only time moves it on)."""
    if counts is None:
        counts = Counter(rnd.nominations.values_list("status", flat=True))
    if rnd.submitted_on is not None:
        if counts.get(S.SUBMITTED):
            return "appraise"
        if counts.get(S.APPRAISED):
            return "decide"
        return None
    if rnd.disclosure_start is not None:
        return None if services.disclosure_open(rnd) else "submit"
    if counts.get(S.DRAFT):
        return "council"
    if counts.get(S.COUNCIL_VOTED):
        return "disclose"
    return "nominate"


def next_step_context(user, rnd, counts: Counter | None = None) -> dict:
    """The round page's “Bước tiếp theo” line: a link for whoever takes it, who
    takes it for everyone else."""
    step = next_step(rnd, counts)
    if step is None:
        return {"next_step": None}
    mine = may(user, rnd, step)
    return {
        "next_step": {
            "label": STEPS[step].label,
            "url_name": STEPS[step].url_name,
            "needs_round": step != "appraise",
            "mine": mine,
            "hint": "" if mine else hint(rnd, step),
        }
    }


_NOMINATION_STEP = {
    S.DRAFT: "council",
    S.COUNCIL_VOTED: "disclose",
    S.DISCLOSED: "submit",
    S.SUBMITTED: "appraise",
    S.APPRAISED: "decide",
}


def nomination_hint(user, nom) -> str:
    """Who moves this nomination on, for someone who cannot."""
    step = _NOMINATION_STEP.get(nom.status)
    if step == "disclose" and nom.round.disclosure_start is not None:
        step = "submit"
    return hint_unless_may(user, nom.round, step) if step else ""
