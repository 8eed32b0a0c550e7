"""What a rule can see while the engine evaluates one scenario.

Nominations evaluated together see each other: a title held in the
achievement year, or nominated in the same scenario with all its criteria
passing, counts as achieved. Only the criteria count, not procedural checks
(deciding authority, duplicates), so a procedural slip on one nomination does
not cascade to the titles that build on it.
"""

from __future__ import annotations

from collections.abc import Iterable

from danvan.core.rules.model import (
    CSTD_CO_SO,
    LAO_DONG_TIEN_TIEN,
    Collective,
    Outcome,
    Person,
    Scenario,
    title_label,
)
from danvan.core.rules.regimes import Regime

# Titles whose criteria require holding another title in the same year:
# Chiến sĩ thi đua cơ sở requires Lao động tiên tiến that year (Điều 23 Luật Thi
# đua, khen thưởng 2022; Điều 23 Luật 2003 and Điều 9 khoản 3 Nghị định
# 91/2017/NĐ-CP; legal-notes §2.3, §4 item 7 "LĐTT → CSTĐCS"). Only this
# same-year prerequisite is used: the multi-year ones (CSTĐ tỉnh, toàn quốc)
# say nothing certain about a single year.
SAME_YEAR_PREREQUISITES: dict[str, str] = {CSTD_CO_SO: LAO_DONG_TIEN_TIEN}


def implied_titles(titles: Iterable[str]) -> frozenset[str]:
    """The titles listed plus those their same-year prerequisites prove."""
    found = set(titles)
    for title in list(found):
        prerequisite = SAME_YEAR_PREREQUISITES.get(title)
        if prerequisite is not None:
            found.add(prerequisite)
    return frozenset(found)


class Context:
    def __init__(self, scenario: Scenario, regime: Regime, nominated: Iterable[tuple[str, str]]):
        self.scenario = scenario
        self.year = scenario.year
        self.regime = regime
        self.people: dict[str, Person] = {p.id: p for p in scenario.people}
        self.collectives: dict[str, Collective] = {c.id: c for c in scenario.collectives}
        self.nominated: set[tuple[str, str]] = set(nominated)
        # Criteria outcome of each nominated (subject, title), filled in title order.
        self.criteria: dict[tuple[str, str], Outcome] = {}
        # Rule ids the decree governing the dossier switches on (Phase.rules_on).
        self.rules_on: frozenset[str] = frozenset()

    def name(self, subject: str) -> str:
        record = self.people.get(subject) or self.collectives.get(subject)
        return (record.name if record is not None and record.name else "") or subject

    def held(self, subject: str, title: str, year: int) -> Outcome:
        """Whether the record says the subject holds `title` for `year`.

        A given `titles` record is complete: a year it does not list held none.
        A title that can only be conferred on a holder of another title that
        year proves that one too (`implied_titles`): a Chiến sĩ thi đua cơ sở
        of year Y was a Lao động tiên tiến of year Y.
        """
        record = self.people.get(subject) or self.collectives.get(subject)
        if record is None or record.titles is None:
            return Outcome.UNKNOWN
        return (
            Outcome.PASS if title in implied_titles(record.titles.get(year, ())) else Outcome.FAIL
        )

    def recorded(self, subject: str, title: str, year: int) -> Outcome:
        """Whether the record lists exactly `title` for `year` (no implication)."""
        record = self.people.get(subject) or self.collectives.get(subject)
        if record is None or record.titles is None:
            return Outcome.UNKNOWN
        return Outcome.PASS if title in record.titles.get(year, ()) else Outcome.FAIL

    def status(self, subject: str, title: str) -> tuple[Outcome, str]:
        """Held in the achievement year, or nominated with its criteria passing."""
        year, label = self.year, title_label(title)
        held = self.held(subject, title, year)
        if held is Outcome.PASS:
            return Outcome.PASS, f"năm {year} đã đạt {label}"
        if (subject, title) in self.nominated:
            outcome = self.criteria[(subject, title)]
            if outcome is Outcome.PASS:
                return outcome, f"được đề nghị {label} năm {year} và đủ tiêu chuẩn"
            if outcome is Outcome.FAIL:
                return outcome, f"đề nghị {label} năm {year} không đủ tiêu chuẩn"
            return outcome, f"đề nghị {label} năm {year} còn thiếu dữ kiện"
        if held is Outcome.FAIL:
            return Outcome.FAIL, f"năm {year} không đạt và không được đề nghị {label}"
        return (
            Outcome.UNKNOWN,
            f"chưa có thông tin danh hiệu năm {year} và không được đề nghị {label}",
        )

    def title_in(self, subject: str, title: str, year: int) -> Outcome:
        """Held in a past year, or (for the achievement year) held or nominated."""
        if year == self.year:
            return self.status(subject, title)[0]
        return self.held(subject, title, year)
