"""Council vote, public disclosure and submission of a round."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from danvan.audit import services as audit
from danvan.core.dates import format_date_short
from danvan.core.errors import DomainError
from danvan.core.rules import (
    Outcome,
)
from danvan.core.rules.national import COUNCIL_VOTE
from danvan.emulation.models import (
    AwardRound,
    DisclosureComment,
    Nomination,
)
from danvan.emulation.services.common import S, _require, _require_unit_step, today
from danvan.emulation.services.nominations import Evaluation, _store_checks, evaluate_round
from danvan.emulation.services.thresholds import decree_rules_on, received_on, vote_refusal

# --- council, disclosure, submission -----------------------------------------------


def approval_percent(votes_for: int, present: int) -> Decimal:
    if present <= 0:
        return Decimal("0")
    return (Decimal(votes_for) * 100 / Decimal(present)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@transaction.atomic
def record_council_vote(
    user,
    rnd: AwardRound,
    *,
    held_on: dt.date,
    members: int,
    present: int,
    votes: dict[int, tuple[int, int]],
) -> list[Nomination]:
    """The council's vote on the round's nominations: for each nomination id,
    (votes for, votes against). Passed when for/present ≥ the round's threshold
    and, for CSTĐ toàn quốc and Cờ thi đua của Chính phủ under NĐ 152/2025, the
    yes votes reach the national share of ALL members (Điều 33 khoản 5); below
    it the nomination is not passed and says why."""
    _require_unit_step(
        user,
        "council",
        rnd,
        "Chỉ thư ký hoặc lãnh đạo Hội đồng thi đua – khen thưởng được ghi kết quả bỏ phiếu.",
    )
    if rnd.disclosure_start is not None:
        raise DomainError("Danh sách đã được công khai; không ghi lại kết quả bỏ phiếu được nữa.")
    if held_on is None:
        raise DomainError("Vui lòng nhập ngày họp Hội đồng.", field="held_on")
    if held_on > today():
        raise DomainError("Ngày họp Hội đồng không thể sau ngày hôm nay.", field="held_on")
    if members is None or members < 1:
        raise DomainError("Số thành viên Hội đồng phải lớn hơn 0.", field="members")
    if present is None or not 1 <= present <= members:
        raise DomainError(
            f"Số thành viên dự họp phải từ 1 đến {members} (số thành viên Hội đồng).", "present"
        )
    if present * 2 <= members:
        raise DomainError(
            f"Chỉ {present}/{members} thành viên dự họp: cần quá nửa số thành viên Hội đồng.",
            field="present",
        )
    if not votes:
        raise DomainError("Chưa có đề nghị nào để bỏ phiếu.")
    noms = {
        n.pk: n
        for n in rnd.nominations.filter(
            pk__in=list(votes), status__in=(S.DRAFT, S.COUNCIL_VOTED, S.REJECTED)
        ).select_related("staff", "collective")
    }
    national = COUNCIL_VOTE in decree_rules_on(rnd, received_on(rnd))
    done = []
    for pk, (yes, no) in votes.items():
        nom = noms.get(pk)
        if nom is None:
            raise DomainError(
                "Có đề nghị không còn ở trạng thái chờ Hội đồng xét; hãy tải lại trang."
            )
        _apply_vote(user, rnd, nom, yes, no, members, present, national)
        done.append(nom)
    if (members, present) != (rnd.council_members, rnd.council_present):
        # One meeting for the whole round: the votes already recorded (on the
        # other pages of the list) are measured again against the new numbers.
        for nom in (
            rnd.nominations.filter(
                status__in=(S.COUNCIL_VOTED, S.REJECTED), votes_for__isnull=False
            )
            .exclude(pk__in=list(votes))
            .select_related("staff", "collective")
        ):
            no = nom.votes_against or 0
            _apply_vote(user, rnd, nom, nom.votes_for, no, members, present, national)
    council = {"council_members": members, "council_present": present, "council_held_on": held_on}
    audit.change(user, rnd, council, unit_id=rnd.unit_id, verb="council_vote")
    return done


_VOTE_FIELDS = [
    "status",
    "votes_for",
    "votes_against",
    "approval_percent",
    "council_members",
    "return_reason",
]


def _apply_vote(user, rnd, nom, yes, no, members: int, present: int, national: bool) -> None:
    """Record one nomination's vote: passed when for/present reaches the round's
    threshold and, under NĐ 152/2025, the national share of all members."""
    if yes is None or no is None or yes < 0 or no < 0:
        raise DomainError(f"{nom}: số phiếu phải là số không âm.", field="votes")
    if yes + no > present:
        raise DomainError(
            f"{nom}: {yes} phiếu đồng ý và {no} phiếu không đồng ý vượt {present} "
            "thành viên dự họp.",
            field="votes",
        )
    before = audit.snapshot(nom, _VOTE_FIELDS)
    nom.votes_for, nom.votes_against, nom.council_members = yes, no, members
    nom.approval_percent = approval_percent(yes, present)
    passed = nom.approval_percent >= rnd.approval_threshold
    # Legal-verified row 42: ≥ 90% (CSTĐ toàn quốc) or ≥ 80% (Cờ thi đua
    # của Chính phủ) of ALL council members, whoever is present.
    refusal = vote_refusal(nom.title, yes, members) if national else None
    nom.status = S.COUNCIL_VOTED if passed and refusal is None else S.REJECTED
    nom.return_reason = refusal or ""
    nom.save(update_fields=_VOTE_FIELDS)
    audit.updated(user, nom, before, unit_id=rnd.unit_id, verb="council_vote")


def disclosure_open(rnd: AwardRound, on: dt.date | None = None) -> bool:
    on = on or today()
    return (
        rnd.disclosure_start is not None
        and rnd.disclosure_end is not None
        and rnd.disclosure_start <= on <= rnd.disclosure_end
    )


@transaction.atomic
def open_disclosure(user, rnd: AwardRound, on: dt.date | None = None) -> AwardRound:
    """Publish the proposals the council passed, for comments within the unit."""
    _require_unit_step(user, "edit", rnd, "Bạn không có quyền công khai danh sách của đơn vị này.")
    if rnd.disclosure_start is not None:
        raise DomainError("Danh sách đã được công khai.")
    passed = list(rnd.nominations.filter(status=S.COUNCIL_VOTED))
    if not passed:
        raise DomainError("Chưa có đề nghị nào được Hội đồng thông qua để công khai.")
    on = on or today()
    end = on + dt.timedelta(days=rnd.disclosure_days - 1)
    dates = {"disclosure_start": on, "disclosure_end": end}
    audit.change(user, rnd, dates, unit_id=rnd.unit_id, verb="disclose")
    for nom in passed:
        nom.status = S.DISCLOSED
        nom.save(update_fields=["status"])
    return rnd


@transaction.atomic
def add_comment(
    user,
    rnd: AwardRound,
    text: str,
    nomination: Nomination | None = None,
    on: dt.date | None = None,
) -> DisclosureComment:
    """A comment on the disclosed list, from someone of the unit, during the period."""
    _require(user, "view", rnd.unit, "Bạn không có quyền góp ý danh sách của đơn vị này.")
    if not disclosure_open(rnd, on):
        if rnd.disclosure_start is None or rnd.disclosure_end is None:
            raise DomainError("Danh sách chưa được công khai.")
        raise DomainError(
            f"Thời hạn góp ý đã kết thúc ngày {format_date_short(rnd.disclosure_end)}."
        )
    text = (text or "").strip()
    if not text:
        raise DomainError("Vui lòng nhập nội dung góp ý.", field="text")
    if nomination is not None and nomination.round_id != rnd.pk:
        raise DomainError("Đề nghị không thuộc đợt này.", field="nomination")
    comment = DisclosureComment(
        round=rnd,
        unit=rnd.unit,
        nomination=nomination,
        author=user,
        text=text[:4000],
    )
    return audit.add(user, comment, unit_id=rnd.unit_id)


def submission_problems(
    rnd: AwardRound, on: dt.date | None = None
) -> tuple[list[str], Evaluation | None]:
    """Why the round cannot be submitted yet (empty: it can), and the engine's answer."""
    on = on or today()
    problems: list[str] = []
    if rnd.submitted_on is not None:
        return ["Đợt này đã được trình cấp trên."], None
    if rnd.disclosure_start is None or rnd.disclosure_end is None:
        return ["Danh sách chưa được công khai để lấy ý kiến."], None
    if on <= rnd.disclosure_end:
        problems.append(
            f"Chưa hết thời hạn công khai (đến hết ngày {format_date_short(rnd.disclosure_end)})."
        )
    ev = evaluate_round(rnd, statuses=(S.DISCLOSED,))
    if not ev.built.nominations:
        problems.append("Không có đề nghị nào đã công khai để trình.")
    for quota in ev.failed_quotas:
        problems.append(f"Vượt hạn mức: {quota.message}.")
    for nom in ev.built.nominations:
        res = ev.by_nomination[nom.pk]
        failing = [c for c in res.checks if c.result is Outcome.FAIL]
        if failing:
            why = "; ".join(c.message for c in failing)
            problems.append(f"{nom.subject_name} – {nom.get_title_display()}: {why}.")
    return problems, ev


@transaction.atomic
def submit_round(user, rnd: AwardRound, on: dt.date | None = None) -> list[Nomination]:
    """The head sends the disclosed proposals up (Tờ trình and lists); blocked by
    an open disclosure period, an exceeded quota or a failing criterion."""
    _require_unit_step(
        user, "approve", rnd, "Chỉ lãnh đạo đơn vị được ký trình đề nghị khen thưởng."
    )
    rnd = AwardRound.objects.select_for_update().get(pk=rnd.pk)
    problems, ev = submission_problems(rnd, on)
    if problems:
        raise DomainError("Chưa trình được: " + " ".join(problems))
    assert ev is not None
    sent = []
    for nom in ev.built.nominations:
        _store_checks(nom, ev.by_nomination[nom.pk])
        nom.status = S.SUBMITTED
        nom.save(update_fields=["checks", "eligible", "status"])
        sent.append(nom)
    audit.change(
        user,
        rnd,
        {"submitted_on": on or today(), "submitted_by": user},
        unit_id=rnd.unit_id,
        verb="submit",
        extra={"nominations": [n.pk for n in sent]},
    )
    return sent


RECALLABLE = (S.COUNCIL_VOTED, S.DISCLOSED, S.SUBMITTED)


@transaction.atomic
def recall_nomination(user, nomination: Nomination, reason: str = "") -> Nomination:
    """The unit withdraws a nomination it has passed, disclosed or submitted,
    as long as the superior has not appraised it (e.g. to keep within a quota)."""
    rnd = nomination.round
    _require_unit_step(user, "approve", rnd, "Chỉ lãnh đạo đơn vị được rút đề nghị.")
    if nomination.status not in RECALLABLE:
        raise DomainError(
            "Chỉ rút được đề nghị đã được Hội đồng thông qua, đang công khai hoặc đã trình "
            f"mà chưa được thẩm định (hiện: {nomination.get_status_display().lower()})."
        )
    recalled = {"status": S.RECALLED, "return_reason": (reason or "").strip()}
    return audit.change(user, nomination, recalled, unit_id=rnd.unit_id, verb="recall")


def _require_review(user, rnd: AwardRound) -> None:
    _require(
        user,
        "review",
        rnd.deciding_unit,
        "Chỉ cán bộ thẩm định của cơ quan quyết định khen thưởng được thẩm định đề nghị.",
    )


def recheck(nomination: Nomination):
    """The engine's answer for one nomination now, seen with the round's others."""
    ev = evaluate_round(nomination.round, statuses=(S.SUBMITTED, S.APPRAISED))
    return ev.by_nomination.get(nomination.pk), ev


@transaction.atomic
def appraise_nomination(
    user, nomination: Nomination, *, accept: bool, note: str = ""
) -> Nomination:
    """Thẩm định: accept (after the engine re-checks) or return with a reason."""
    rnd = nomination.round
    _require_review(user, rnd)
    if nomination.status != S.SUBMITTED:
        raise DomainError(
            f"Đề nghị đang ở trạng thái “{nomination.get_status_display()}”, không thẩm định được."
        )
    note = (note or "").strip()
    before = audit.snapshot(nomination, ["status", "return_reason", "appraisal_note", "eligible"])
    if accept:
        res, _ev = recheck(nomination)
        failing = [c for c in res.checks if c.result is Outcome.FAIL] if res else []
        if failing:
            raise DomainError(
                "Không chấp thuận được: "
                + "; ".join(c.message for c in failing)
                + ". Hãy trả lại đơn vị kèm lý do."
            )
        if res is not None:
            _store_checks(nomination, res)
        nomination.status = S.APPRAISED
        nomination.appraisal_note = note
    else:
        if not note:
            raise DomainError("Vui lòng ghi lý do trả lại đề nghị.", field="note")
        nomination.status = S.RETURNED
        nomination.return_reason = note
    nomination.appraised_by = user
    nomination.save()
    audit.updated(
        user, nomination, before, unit_id=rnd.unit_id, verb="appraise" if accept else "return"
    )
    return nomination
