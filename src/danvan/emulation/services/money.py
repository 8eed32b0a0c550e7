"""Prize money (tiền thưởng) of decided and proposed awards, per round and year.

NĐ 152/2025/NĐ-CP Điều 49, 50, 54 (legal-verified rows 51–52, grade A): a
multiple of the lương cơ sở in force on the decision date (entered data:
BaseSalaryRate), rounded up to 10,000 đ; collectives and households per their
multiples; when one subject earns several titles for the same period, only
the highest is paid. Revoked titles are not paid.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core import xlsx
from danvan.core.errors import DomainError
from danvan.core.rules import title_label
from danvan.core.rules.awards import MONEY_BASIS, BaseSalary, paid_titles, prize
from danvan.emulation.models import (
    CLOSED_STATUSES,
    AwardDecision,
    AwardRound,
    BaseSalaryRate,
    Nomination,
)
from danvan.emulation.services.common import today


def base_salary_table() -> list[BaseSalary]:
    return [
        BaseSalary(valid_from, amount)
        for valid_from, amount in BaseSalaryRate.objects.values_list("valid_from", "amount")
    ]


def can_manage_base_salary(user) -> bool:
    return access.is_global_admin(user)


@transaction.atomic
def add_base_salary(user, *, valid_from: dt.date, amount: int, basis: str) -> BaseSalaryRate:
    if not can_manage_base_salary(user):
        raise PermissionDenied("Chỉ quản trị hệ thống được nhập mức lương cơ sở.")
    if valid_from is None:
        raise DomainError("Vui lòng nhập ngày áp dụng.", field="valid_from")
    if amount is None or amount <= 0:
        raise DomainError("Mức lương cơ sở phải là số dương.", field="amount")
    if not (basis or "").strip():
        raise DomainError("Vui lòng ghi văn bản quy định mức lương cơ sở.", field="basis")
    rate = BaseSalaryRate(valid_from=valid_from, amount=amount, basis=basis.strip())
    return audit.add(
        user,
        rate,
        taken=DomainError("Đã có mức lương cơ sở áp dụng từ ngày này.", field="valid_from"),
    )


@dataclass
class MoneyRow:
    nomination: Nomination
    subject: str
    title: str
    label: str
    on: dt.date
    amount: int | None
    paid: bool
    note: str
    estimated: bool  # no decision yet: at today's lương cơ sở


def _kind(nom: Nomination) -> str:
    return "collective" if nom.collective_id else "person"


def money_rows(noms: list[Nomination], table: list[BaseSalary] | None = None) -> list[MoneyRow]:
    """One row per nomination; only the highest title of a subject and year is paid."""
    table = base_salary_table() if table is None else table
    by_subject: dict[tuple[str, int], list[str]] = defaultdict(list)
    for nom in noms:
        by_subject[(nom.subject_key, nom.year)].append(nom.title)
    rows = []
    for nom in noms:
        decision = nom.decision if nom.decision_id else None
        on = decision.signed_on if decision is not None else today()
        found = prize(nom.title, _kind(nom), on, table)
        paid = nom.title in paid_titles(by_subject[(nom.subject_key, nom.year)])
        note = found.message
        if found.amount is not None and not paid:
            note = "Không chi: cùng thời gian đạt thành tích với danh hiệu cao hơn"
        rows.append(
            MoneyRow(
                nomination=nom,
                subject=str(nom.staff or nom.collective),
                title=nom.title,
                label=title_label(nom.title),
                on=on,
                amount=found.amount if paid else (0 if found.amount is not None else None),
                paid=paid and found.amount is not None,
                note=note,
                estimated=decision is None,
            )
        )
    return rows


def round_money(rnd: AwardRound) -> dict[str, Any]:
    """The money of the round's live and decided nominations, with the total
    decided (by decision) and the total still estimated."""
    noms = list(
        rnd.nominations.exclude(status__in=CLOSED_STATUSES)
        .select_related("staff", "collective", "decision")
        .order_by("title", "pk")
    )
    revoked = _revoked_pairs(rnd)
    noms = [n for n in noms if (n.subject_key, n.title, n.year) not in revoked]
    rows = money_rows(noms)
    decided = sum(r.amount or 0 for r in rows if not r.estimated)
    estimated = sum(r.amount or 0 for r in rows if r.estimated)
    return {
        "rows": rows,
        "decided_total": decided,
        "estimated_total": estimated,
        "missing_rate": any(r.amount is None and "lương cơ sở" in r.note for r in rows),
        "basis": MONEY_BASIS.text(),
    }


def _revoked_pairs(rnd: AwardRound) -> set[tuple[str, str, int]]:
    pairs = set()
    for decision in rnd.decisions.prefetch_related("records__revocation"):
        for record in decision.records.all():
            if getattr(record, "revocation", None) is not None:
                key = f"p{record.staff_id}" if record.staff_id else f"u{record.collective_id}"
                pairs.add((key, record.title, record.year))
    return pairs


def decision_money(decision: AwardDecision) -> dict[str, Any]:
    noms = list(decision.nominations.select_related("staff", "collective", "decision"))
    revoked = _revoked_pairs(decision.round)
    rows = money_rows([n for n in noms if (n.subject_key, n.title, n.year) not in revoked])
    return {"rows": rows, "total": sum(r.amount or 0 for r in rows), "basis": MONEY_BASIS.text()}


def year_money(user, year: int, unit=None) -> dict[str, Any]:
    """Decided money of the decisions signed in a year, in the user's scope (and
    for the proposing units under `unit` when given), per decision."""
    decisions = access.scope(AwardDecision.objects.select_related("round", "issuer"), user).filter(
        signed_on__year=year
    )
    if unit is not None:
        decisions = decisions.filter(unit__path__startswith=unit.path)
    per = [(d, decision_money(d)["total"]) for d in decisions.order_by("signed_on", "number")]
    return {"year": year, "decisions": per, "total": sum(total for _d, total in per)}


def money_xlsx(rnd: AwardRound) -> bytes:
    """The round's prize money for the finance office: plain values only
    (every text cell is written as text, never as a formula)."""
    data = round_money(rnd)
    wb = xlsx.new_workbook()
    ws = wb.active
    ws.title = "Tiền thưởng"
    header = [
        "STT",
        "Cá nhân, tập thể",
        "Danh hiệu, hình thức",
        "Ngày quyết định",
        "Số tiền (đồng)",
        "Ghi chú",
    ]
    xlsx.append(ws, header)
    for i, row in enumerate(data["rows"], start=1):
        xlsx.append(
            ws,
            [
                i,
                row.subject,
                row.label,
                row.on.strftime("%d/%m/%Y") + (" (dự kiến)" if row.estimated else ""),
                row.amount,
                row.note,
            ],
        )
    xlsx.append(ws, ["", "Tổng số đã quyết định", "", "", data["decided_total"], ""])
    xlsx.append(
        ws, ["", "Tổng số dự kiến (chưa có quyết định)", "", "", data["estimated_total"], ""]
    )
    xlsx.append(ws, ["", "Căn cứ", "", "", None, data["basis"]])
    return xlsx.to_bytes(wb)  # text cells stay text, formula-like text gets "'"
