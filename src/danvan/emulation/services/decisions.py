"""Award decisions and the stage of a round shown on its pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.db.models import Max

from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.render import SpecError, build_symbol
from danvan.core.rules import (
    AUTHORITIES,
    TITLES,
    Outcome,
    authorities_for,
    authority_status,
    regime_for_year,
    title_label,
)
from danvan.drafting.services import issue_number, next_number
from danvan.emulation.models import (
    AwardDecision,
    AwardRound,
    Nomination,
)
from danvan.emulation.services.common import S, _require, today
from danvan.emulation.services.council import disclosure_open
from danvan.emulation.services.records import add_award_record
from danvan.emulation.services.thresholds import state_level_problems
from danvan.orgunits.models import OrgUnit

# --- decision ------------------------------------------------------------------------


def next_decision_number(issuer_unit: OrgUnit, year: int) -> int:
    """The next free number in the issuer's Quyết định series for the year.

    Numbers run per issuer, type and calendar year from 01 (NĐ 30/2020 Điều 15),
    in the shared numbering register of the drafting app: an award decision
    takes its number from the same series as every other Quyết định."""

    used = AwardDecision.objects.filter(issuer=issuer_unit, year=year).aggregate(m=Max("number"))
    return max((used["m"] or 0) + 1, next_number(issuer_unit, "quyet_dinh", year))


def authority_problems(rnd: AwardRound, titles, on: dt.date) -> list[str]:
    """Why the round's authority may not sign for some titles, naming who can
    (Luật 2022 Điều 80; NĐ 152/2025 Điều 3, 6, 36 — legal-verified rows 34–40)."""
    regime = regime_for_year(rnd.year)
    if regime is None or not rnd.authority:
        return []
    who = AUTHORITIES.get(rnd.authority, rnd.authority)
    problems = []
    for title in dict.fromkeys(titles):
        outcome, _grant = authority_status(rnd.authority, title, regime.rulebook, on)
        if outcome is not Outcome.FAIL:
            continue
        able = [AUTHORITIES[a] for a in authorities_for(title, regime.rulebook, on)]
        text = f"{who} không có thẩm quyền tặng {title_label(title)}"
        if able:
            text += f"; thẩm quyền tặng: {', '.join(able)}"
        problems.append(text)
    return problems


def authority_table(rnd: AwardRound, on: dt.date) -> list[dict]:
    """For each title: can the round's authority grant it, and who else can."""
    regime = regime_for_year(rnd.year)
    if regime is None or not rnd.authority:
        return []
    rows = []
    for title in TITLES:
        outcome, _grant = authority_status(rnd.authority, title, regime.rulebook, on)
        able = [AUTHORITIES[a] for a in authorities_for(title, regime.rulebook, on)]
        rows.append(
            {
                "label": title_label(title),
                "result": str(outcome),
                "others": ", ".join(a for a in able if a != AUTHORITIES.get(rnd.authority)),
            }
        )
    return rows


def refuse_titles_beyond_authority(rnd: AwardRound, titles, on: dt.date) -> None:
    problems = authority_problems(rnd, titles, on)
    if problems:
        raise DomainError("Không ra quyết định được: " + "; ".join(problems) + ".")


def decision_symbol(issuer: OrgUnit, number: int) -> str:
    try:
        return build_symbol(number, "quyet_dinh", issuer.short_code)
    except SpecError as exc:
        raise DomainError(exc.message_vi) from None


def check_decision(
    rnd: AwardRound,
    *,
    signed_on: dt.date,
    signer_name: str,
    signer_position: str,
    number: int | None = None,
) -> tuple[int, list[Nomination]]:
    """What would stop the decision, checked before the confirmation page and
    again when issuing: the number it takes and the nominations it covers."""
    issuer = rnd.deciding_unit
    if signed_on is None:
        raise DomainError("Vui lòng nhập ngày ký quyết định.", field="signed_on")
    if signed_on > today():
        raise DomainError("Ngày ký không thể sau ngày hôm nay.", field="signed_on")
    if not (signer_name or "").strip() or not (signer_position or "").strip():
        raise DomainError("Vui lòng nhập họ tên và chức vụ người ký.", field="signer_name")
    noms = list(
        rnd.nominations.filter(status=S.APPRAISED).select_related(
            "staff", "staff__unit", "collective"
        )
    )
    if not noms:
        raise DomainError("Chưa có đề nghị nào được thẩm định chấp thuận để ra quyết định.")
    refuse_titles_beyond_authority(rnd, [n.title for n in noms], signed_on)
    problems = state_level_problems(rnd, noms, rnd.submitted_on or signed_on)
    if problems:
        raise DomainError("Không ra quyết định được: " + "; ".join(problems) + ".")
    year = signed_on.year
    if number is None:
        number = next_decision_number(issuer, year)
    if number < 1:
        raise DomainError("Số quyết định phải là số nguyên dương.", field="number")
    symbol = decision_symbol(issuer, number)
    if AwardDecision.objects.filter(issuer=issuer, year=year, number=number).exists():
        raise DomainError(
            f"Số quyết định {symbol} năm {year} đã được dùng. "
            f"Số tiếp theo còn trống: {next_decision_number(issuer, year):02d}.",
            field="number",
        )
    return number, noms


@transaction.atomic
def issue_decision(
    user,
    rnd: AwardRound,
    *,
    signed_on: dt.date,
    signer_name: str,
    signer_position: str,
    number: int | None = None,
) -> AwardDecision:
    """The award decision for the round's appraised nominations: numbered,
    and each title written into its subject's record with the decision number."""
    issuer = rnd.deciding_unit
    _require(
        user, "approve", issuer, "Chỉ lãnh đạo cơ quan quyết định được ký quyết định khen thưởng."
    )
    number, noms = check_decision(
        rnd,
        signed_on=signed_on,
        signer_name=signer_name,
        signer_position=signer_position,
        number=number,
    )
    year = signed_on.year
    symbol = decision_symbol(issuer, number)

    # Reserve the number in the shared register (refuses a number already given
    # to another Quyết định of the issuer that year).
    issue_number(
        user,
        unit=issuer,
        doc_type="quyet_dinh",
        issued_on=signed_on,
        title=f"Quyết định khen thưởng năm {rnd.year}",
        number=number,
        source="emulation",
        source_ref=f"award-round:{rnd.pk}",
    )
    decision = AwardDecision(
        round=rnd,
        unit=rnd.unit,
        issuer=issuer,
        year=year,
        number=number,
        symbol=symbol,
        signed_on=signed_on,
        signer_name=signer_name.strip(),
        signer_position=signer_position.strip(),
    )
    audit.add(
        user,
        decision,
        unit_id=rnd.unit_id,
        taken=DomainError(
            f"Số quyết định {symbol} năm {year} vừa được dùng; hãy thử lại.", "number"
        ),
    )
    for nom in noms:
        add_award_record(
            user,
            staff=nom.staff,
            collective=nom.collective,
            title=nom.title,
            year=nom.year,
            decision_number=symbol,
            decided_on=signed_on,
            decided_by=issuer.name,
            decision=decision,
        )
        decided = {"status": S.DECIDED, "decision": decision}
        audit.change(user, nom, decided, unit_id=rnd.unit_id, verb="decide")
    return decision


# --- stage of a round (for pages) ---------------------------------------------------


def round_stage(rnd: AwardRound, counts: Counter | None = None) -> str:
    if counts is None:
        counts = Counter(rnd.nominations.values_list("status", flat=True))
    if counts.get(S.DECIDED) and not (counts.get(S.SUBMITTED) or counts.get(S.APPRAISED)):
        return "Đã có quyết định khen thưởng"
    if rnd.submitted_on is not None:
        return "Đã trình, chờ thẩm định và quyết định"
    if rnd.disclosure_start is not None:
        return "Đang công khai, lấy ý kiến" if disclosure_open(rnd) else "Đã công khai, chờ trình"
    if counts.get(S.COUNCIL_VOTED) or counts.get(S.REJECTED):
        return "Hội đồng đã họp"
    return "Đang lập đề nghị"
