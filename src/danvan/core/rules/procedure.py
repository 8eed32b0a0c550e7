"""General checks that depend on the decree governing the dossier, not on a title.

- Which decree: the dossier's received date picks a Phase of the regime
  (legal-verified rows 2–3, NĐ 152/2025 Điều 60, grade A). A date after the
  last recorded phase (NĐ 152 lapses on 01/3/2027 unless extended or
  replaced) gives an unknown `decree_in_force` check on every nomination,
  saying so, instead of silently applying a lapsed decree.
- Discipline under NĐ 152/2025 Điều 4 khoản 4 (row 14, grade A): nothing is
  proposed while a discipline is pending (or an inspection, investigation is
  under way); after a discipline, achievement counts only from the day its
  term is served.
"""

from __future__ import annotations

from datetime import date

from danvan.core.rules.model import DISCIPLINE_LEVELS, Check, Outcome, Person, short_date
from danvan.core.rules.regimes import Basis, Phase, Regime

DECREE_IN_FORCE = "decree_in_force"
DISCIPLINE_ND152 = "discipline_pending_or_term"
PROCEDURE_RULE_IDS = frozenset({DECREE_IN_FORCE, DISCIPLINE_ND152})

DISCIPLINE_BASIS = Basis("Điều 4 khoản 4 Nghị định 152/2025/NĐ-CP", grade="A")
_DISCIPLINE_TEXT = DISCIPLINE_BASIS.text()


def received_day(year: int, received_on: date | None) -> date:
    """The dossier's received date, or 31/12 of the achievement year."""
    return received_on if received_on is not None else date(year, 12, 31)


def decree_check(regime: Regime, day: date) -> tuple[Phase | None, Check | None]:
    """The governing phase, and a check to add to every nomination when the
    regime has phases but none covers the day (lapsed, nothing recorded)."""
    if not regime.phases:
        return None, None
    phase = regime.phase_for(day)
    if phase is not None:
        return phase, None
    last = max(
        (p for p in regime.phases if p.received_to is not None),
        key=lambda p: p.received_to or date.min,
        default=None,
    )
    if last is not None and last.received_to is not None and day > last.received_to:
        ended = last.lapses_on or last.received_to
        message = (
            f"Hồ sơ nhận ngày {short_date(day)}: {last.name} hết hiệu lực từ ngày "
            f"{short_date(ended)} và chưa có văn bản gia hạn hoặc thay thế được ghi nhận; "
            "cần xác định văn bản áp dụng trước khi xét"
        )
        basis = last.basis.text()
    else:
        message = f"Chưa ghi nhận văn bản áp dụng cho hồ sơ nhận ngày {short_date(day)}"
        basis = regime.name
    return None, Check(DECREE_IN_FORCE, Outcome.UNKNOWN, basis, message)


def discipline_check(person: Person, year: int, day: date) -> Check:
    """NĐ 152/2025 Điều 4 khoản 4 for a person and an achievement year."""
    records = person.discipline
    if records is None:
        return Check(
            DISCIPLINE_ND152, Outcome.UNKNOWN, _DISCIPLINE_TEXT, "Chưa có thông tin kỷ luật"
        )
    pending = [d for d in records if d.pending]
    if pending:
        return Check(
            DISCIPLINE_ND152,
            Outcome.FAIL,
            _DISCIPLINE_TEXT,
            "Đang bị xem xét kỷ luật hoặc đang bị thanh tra, kiểm tra, điều tra: "
            "chưa đề nghị khen thưởng",
        )
    start = date(year, 1, 1)
    unknown = []
    for d in records:
        if d.decided_on is None or d.decided_on > day:
            continue
        level = DISCIPLINE_LEVELS.get(d.level or "", "kỷ luật")
        if d.term_ends_on is not None:
            if d.term_ends_on >= start:
                return Check(
                    DISCIPLINE_ND152,
                    Outcome.FAIL,
                    _DISCIPLINE_TEXT,
                    f"Bị kỷ luật {level} ngày {short_date(d.decided_on)}, hết thời hạn ngày "
                    f"{short_date(d.term_ends_on)}: thành tích chỉ tính từ khi hết thời hạn, "
                    f"chưa đủ cả năm {year}",
                )
        elif d.decided_on >= start:
            return Check(
                DISCIPLINE_ND152,
                Outcome.FAIL,
                _DISCIPLINE_TEXT,
                f"Bị kỷ luật {level} ngày {short_date(d.decided_on)} trong năm {year}: "
                "thành tích chỉ tính từ khi hết thời hạn kỷ luật",
            )
        else:
            unknown.append(d)
    if unknown:
        d = unknown[0]
        return Check(
            DISCIPLINE_ND152,
            Outcome.UNKNOWN,
            _DISCIPLINE_TEXT,
            f"Bị kỷ luật ngày {short_date(d.decided_on or start)}, chưa có ngày hết thời hạn "
            "kỷ luật",
        )
    return Check(
        DISCIPLINE_ND152,
        Outcome.PASS,
        _DISCIPLINE_TEXT,
        f"Không đang bị xem xét kỷ luật và không trong thời hạn kỷ luật năm {year}",
    )
