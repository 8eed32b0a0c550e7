"""Revocation (hủy bỏ) of a title or award already decided.

Luật 2022 Điều 93 khoản 2 (grade B) and NĐ 152/2025 Điều 56 (grade A),
legal-verified row 49: a decision is revoked, and the money and objects
recovered, for a false declaration, false or forged papers, an appraisal or
proposal contrary to law, or standards later found unmet in the achievement
period. The record stays (marked revoked) for the audit trail; the engine no
longer counts it, e.g. for "n consecutive years" (scenario.counted_records).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.rules.awards import REVOCATION_GROUNDS
from danvan.emulation.models import AwardDecision, AwardRecord, Revocation
from danvan.emulation.services.common import _require, today


def revocable_records(decision: AwardDecision) -> list[AwardRecord]:
    return list(
        decision.records.select_related("staff", "collective", "revocation").order_by("title", "pk")
    )


@transaction.atomic
def revoke_record(
    user,
    record: AwardRecord,
    *,
    ground: str,
    decided_on: dt.date,
    decision_number: str,
    recovered_amount: int | None = 0,
    certificate_recovered: bool = False,
    note: str = "",
) -> Revocation:
    decision = record.decision
    if decision is None:
        raise DomainError("Danh hiệu này không gắn với quyết định khen thưởng trong hệ thống.")
    _require(
        user,
        "approve",
        decision.issuer,
        "Chỉ lãnh đạo cơ quan đã ra quyết định được hủy bỏ khen thưởng.",
    )
    if Revocation.objects.filter(record=record).exists():
        raise DomainError(f"{record} đã bị hủy bỏ trước đó.")
    if ground not in REVOCATION_GROUNDS:
        raise DomainError("Vui lòng chọn căn cứ hủy bỏ.", field="ground")
    if decided_on is None:
        raise DomainError("Vui lòng nhập ngày quyết định hủy bỏ.", field="decided_on")
    if decided_on > today():
        raise DomainError("Ngày quyết định hủy bỏ không thể sau ngày hôm nay.", "decided_on")
    if decided_on < decision.signed_on:
        raise DomainError(
            "Ngày hủy bỏ không thể trước ngày ký quyết định khen thưởng.", "decided_on"
        )
    if not (decision_number or "").strip():
        raise DomainError("Vui lòng nhập số quyết định hủy bỏ.", field="decision_number")
    amount = recovered_amount or 0
    if amount < 0:
        raise DomainError("Số tiền thu hồi không thể âm.", field="recovered_amount")
    revocation = Revocation(
        record=record,
        ground=ground,
        decided_on=decided_on,
        decision_number=decision_number.strip(),
        recovered_amount=amount,
        certificate_recovered=bool(certificate_recovered),
        note=(note or "").strip(),
    )
    return audit.add(user, revocation, unit_id=record.unit_id)
