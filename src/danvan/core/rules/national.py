"""The forms the Thủ tướng decides, and what NĐ 152/2025 attaches to them.

- Cờ thi đua của Chính phủ (legal-verified row 32, NĐ 152/2025 Điều 7,
  grade A): a collective that meets Luật 2022 Điều 25 khoản 1 and is voted
  the leader of a cụm, khối thi đua; at most 20% of the cụm, khối leaders
  that also meet the Cờ thi đua cấp bộ, tỉnh criteria (a cap on the round).
- Bằng khen của Thủ tướng Chính phủ (row 26): Luật 2022 Điều 73; NĐ 152
  Điều 27 details only the công nhân and nông dân cases, whose facts are not
  in a scenario; the general criteria were not read.
- Council votes (row 42, NĐ 152/2025 Điều 33 khoản 5, grade A): ≥ 90% of all
  members of the competent council for CSTĐ toàn quốc, ≥ 80% for Cờ thi đua
  của Chính phủ.

What the reference does not give (the text of Điều 25 khoản 1, the general
criteria of Điều 73) is a manual rule: it answers "unknown" and says a
person must decide. Nothing else is encoded.
"""

from __future__ import annotations

from collections.abc import Callable

from danvan.core.rules.awards import (
    CLUSTER_CAP_BASIS,
    CLUSTER_CAP_PERCENT,
    VOTE_THRESHOLDS,
    cluster_leader_cap,
    votes_needed,
)
from danvan.core.rules.context import Context
from danvan.core.rules.criteria import (
    COLLECTIVE,
    OLD_LAW,
    PERSON,
    Rule,
    Verdict,
    percent_text,
)
from danvan.core.rules.model import (
    BANG_KHEN_THU_TUONG,
    CO_THI_DUA_CHINH_PHU,
    Check,
    Nomination,
    Outcome,
    QuotaResult,
    title_label,
)
from danvan.core.rules.regimes import LAW_2022, Basis

COUNCIL_VOTE = "council_vote_threshold"
CLUSTER_LEADER = "cluster_leader_voted"
CLUSTER_CAP = "quota_co_thi_dua_cp_20_percent_of_cluster_leaders"
NATIONAL_RULE_IDS = frozenset({COUNCIL_VOTE, CLUSTER_CAP})

COUNCIL = "Hội đồng Thi đua – Khen thưởng"
LEADER_TEXT = "được suy tôn dẫn đầu cụm, khối thi đua"


def cluster_leader(ctx: Context, subject: str) -> Verdict:
    """Voted the leader of a cụm, khối thi đua in the achievement year."""
    facts = ctx.collectives[subject].cluster_leader
    led = None if facts is None else facts.get(ctx.year)
    if led is None:
        return Outcome.UNKNOWN, f"Chưa có thông tin tập thể {LEADER_TEXT} năm {ctx.year}"
    if led:
        return Outcome.PASS, f"Năm {ctx.year} tập thể {LEADER_TEXT}"
    return Outcome.FAIL, f"Năm {ctx.year} tập thể không {LEADER_TEXT}"


def to_review(what: str, where: str) -> Callable[[Context, str], Verdict]:
    """A criterion whose text the reference did not read: a person decides."""

    def evaluate(ctx: Context, subject: str) -> Verdict:
        return (
            Outcome.UNKNOWN,
            f"Hệ thống chưa tự kiểm tra tiêu chuẩn {what} ({where}) vì nội dung điều này "
            f"chưa được đối chiếu; cần {COUNCIL} xét theo văn bản",
        )

    return evaluate


_CO_CP = title_label(CO_THI_DUA_CHINH_PHU)
_BK_TTG = title_label(BANG_KHEN_THU_TUONG)
_L22_ARTICLE_25 = f"Điều 25 khoản 1 {LAW_2022}"
_L22_ARTICLE_73 = f"Điều 73 {LAW_2022}"
_L22_ARTICLE_73_PERSON = (
    f"Điều 73 khoản 1, khoản 2 {LAW_2022}; các trường hợp công nhân, nông dân tại "
    "Điều 27 Nghị định 152/2025/NĐ-CP"
)

_CO_CP_BASIS = Basis(
    f"{_L22_ARTICLE_25} (Điều 7 khoản 1 Nghị định 152/2025/NĐ-CP dẫn chiếu)", grade="A"
)
_BK_TTG_BASIS = Basis(f"{_L22_ARTICLE_73}; Điều 27 Nghị định 152/2025/NĐ-CP", grade="A")
_BK_TTG_TEAM_BASIS = Basis(f"{_L22_ARTICLE_73} (tiêu chuẩn tập thể)", grade="A")
# The manual rule of each title whose criteria the reference did not read.
_NOT_ENCODED = {
    CO_THI_DUA_CHINH_PHU: "co_thi_dua_cp_criteria_not_encoded",
    BANG_KHEN_THU_TUONG: "bang_khen_ttg_criteria_not_encoded",
}


def _for_review(
    title: str, kind: str, basis: Basis, where: str, what: str | None = None
) -> list[Rule]:
    """The title's criteria under Luật 2022 (``basis``, ``where``) and under Luật 2003,
    neither read in the reference: manual rules, a person decides (``what``: the
    criteria's name, the title's by default)."""
    rule, label = _NOT_ENCODED[title], title_label(title)
    old = Basis(f"{OLD_LAW}, {label}", confirmed=False)
    return [
        Rule(rule, "luat-2022", title, kind, basis, to_review(what or label, where), manual=True),
        Rule(rule, "luat-2003", title, kind, old, to_review(label, OLD_LAW), manual=True),
    ]


NATIONAL_RULES: tuple[Rule, ...] = (
    # Cờ thi đua của Chính phủ (row 32). The article (Điều 25) is confirmed by
    # NĐ 152 Điều 7, which cites it; the wording of its khoản 1 was not read.
    Rule(
        CLUSTER_LEADER,
        "luat-2022",
        CO_THI_DUA_CHINH_PHU,
        COLLECTIVE,
        Basis("Điều 7 khoản 1 Nghị định 152/2025/NĐ-CP", grade="A"),
        cluster_leader,
        by_decree=True,
    ),
    *_for_review(CO_THI_DUA_CHINH_PHU, COLLECTIVE, _CO_CP_BASIS, _L22_ARTICLE_25),
    # Bằng khen của Thủ tướng Chính phủ (row 26): Điều 73 confirmed by NĐ 152
    # Điều 27; only its công nhân / nông dân cases were read, and their facts
    # (trade, production model) are not in a scenario.
    *_for_review(BANG_KHEN_THU_TUONG, PERSON, _BK_TTG_BASIS, _L22_ARTICLE_73_PERSON),
    *_for_review(
        BANG_KHEN_THU_TUONG,
        COLLECTIVE,
        _BK_TTG_TEAM_BASIS,
        _L22_ARTICLE_73,
        f"{_BK_TTG} cho tập thể",
    ),
)


# --- council votes (row 42) -------------------------------------------------------


def council_vote_check(nomination: Nomination) -> Check | None:
    """Yes votes of ALL council members against the national threshold of the
    title; None for titles without one (the council's own rules apply)."""
    threshold = VOTE_THRESHOLDS.get(nomination.title)
    if threshold is None:
        return None
    basis = threshold.basis.text()
    need = f"từ {threshold.percent}% tổng số thành viên Hội đồng"
    members, yes = nomination.council_members, nomination.votes_for
    if members is None or yes is None:
        return Check(
            COUNCIL_VOTE,
            Outcome.UNKNOWN,
            basis,
            f"Chưa có kết quả biểu quyết của {COUNCIL} (cần {need} đồng ý)",
        )
    needed = votes_needed(nomination.title, members)
    text = (
        f"{yes}/{members} thành viên {COUNCIL} đồng ý ({percent_text(yes, members)}); "
        f"cần {need} ({needed} phiếu)"
    )
    if needed is not None and yes >= needed:
        return Check(COUNCIL_VOTE, Outcome.PASS, basis, f"Đạt ngưỡng biểu quyết: {text}")
    return Check(COUNCIL_VOTE, Outcome.FAIL, basis, f"Chưa đạt ngưỡng biểu quyết: {text}")


# --- the cụm, khối leader cap (row 32) -----------------------------------------------

LEADERS_BASE = f"tập thể {LEADER_TEXT} đủ tiêu chuẩn Cờ thi đua cấp bộ, tỉnh"


def cluster_cap_result(nominated: int, leaders: int | None) -> QuotaResult:
    """Cờ thi đua của Chính phủ: at most 20% of the cụm, khối leaders that also
    meet the Cờ thi đua cấp bộ, tỉnh criteria (NĐ 152/2025 Điều 7 khoản 1).
    Without that number the cap is unknown (`allowed` is then 0)."""
    head = f"{nominated} đề nghị {_CO_CP}"
    basis = CLUSTER_CAP_BASIS.text()
    if leaders is None:
        return QuotaResult(
            CO_THI_DUA_CHINH_PHU,
            nominated,
            0,
            Outcome.UNKNOWN,
            f"{head}: chưa có số {LEADERS_BASE} để tính giới hạn {CLUSTER_CAP_PERCENT}%",
            CLUSTER_CAP,
            basis,
        )
    allowed = cluster_leader_cap(leaders)
    limit = f"{CLUSTER_CAP_PERCENT}% của {leaders} {LEADERS_BASE} (tối đa {allowed})"
    if nominated <= allowed:
        outcome, message = Outcome.PASS, f"{head} trong giới hạn {limit}"
    else:
        outcome, message = Outcome.FAIL, f"{head} vượt {limit}"
    return QuotaResult(
        CO_THI_DUA_CHINH_PHU, nominated, allowed, outcome, message, CLUSTER_CAP, basis
    )
