"""The criteria of each title, per regime: rule data plus small evaluators.

Each rule cites its provision and the evidence grade of
shared/reference/legal-verified.md (rows cited as "row N"); a rule that file
does not confirm says so in its Basis and can be switched off.
Evaluators answer (Outcome, Vietnamese message naming the facts); a fact the
scenario does not give makes them answer UNKNOWN, never FAIL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from danvan.core.rules.awards import consecutive_explanation
from danvan.core.rules.context import Context
from danvan.core.rules.model import (
    BANG_KHEN_CAP_TINH,
    CSTD_CAP_TINH,
    CSTD_CO_SO,
    CSTD_TOAN_QUOC,
    DISCIPLINE_LEVELS,
    DISCIPLINE_RANK,
    GIAY_KHEN,
    LAO_DONG_TIEN_TIEN,
    RATING_RANK,
    RATINGS,
    SCOPE_RANK,
    TAP_THE_LDTT,
    TAP_THE_LDXS,
    Collective,
    Outcome,
    Person,
    all_of,
    any_of,
    short_date,
    title_label,
)
from danvan.core.rules.regimes import LAW_2003, LAW_2022, Basis

Verdict = tuple[Outcome, str]
PERSON, COLLECTIVE = "person", "collective"

LEAVE_LIMIT_DAYS = 40


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    regime: str
    title: str
    kind: str  # PERSON or COLLECTIVE
    basis: Basis
    evaluate: Callable[[Context, str], Verdict]
    # A placeholder for criteria the notes do not give: always UNKNOWN, so the
    # nomination goes to a person who knows the provincial rules.
    manual: bool = False
    # Carried by a decree, not by the law: applies only where the decree
    # governing the dossier lists the rule id in its Phase.rules_on.
    by_decree: bool = False
    basis_text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "basis_text", self.basis.text())

    @property
    def confirmed(self) -> bool:
        return self.basis.confirmed


# --- message helpers ----------------------------------------------------------


def percent_text(numerator: int, denominator: int) -> str:
    """57,1% (Vietnamese decimal comma, one decimal, none when whole)."""
    value = round(100 * numerator / denominator, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')}%"


def years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in years)


def period_text(first: int, last: int) -> str:
    return f"năm {last}" if first == last else f"giai đoạn {first}–{last}"


def names_text(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" và {len(names) - limit} người khác" if len(names) > limit else "")


def _person(ctx: Context, subject: str) -> Person:
    return ctx.people[subject]


def _collective(ctx: Context, subject: str) -> Collective:
    return ctx.collectives[subject]


# --- individual facts ---------------------------------------------------------


def _rating_rule(minimum: str, *, collective: bool) -> Callable[[Context, str], Verdict]:
    """The subject's rating in the context's year is ``minimum`` or better."""
    if collective:
        missing, rated = "Chưa có xếp loại của tập thể", "tập thể xếp loại"
        short_of = f"cần {RATINGS[minimum]}" + (" trở lên" if minimum != "htxs" else "")
    else:
        missing, rated = "Chưa có xếp loại chất lượng", "xếp loại"
        short_of = f"chưa đạt mức {RATINGS[minimum]} trở lên"

    def evaluate(ctx: Context, subject: str) -> Verdict:
        holder = _collective(ctx, subject) if collective else _person(ctx, subject)
        rating = None if holder.ratings is None else holder.ratings.get(ctx.year)
        if rating is None:
            return Outcome.UNKNOWN, f"{missing} năm {ctx.year}"
        said = f"Năm {ctx.year} {rated} {RATINGS[rating]}"
        if RATING_RANK[rating] >= RATING_RANK[minimum]:
            return Outcome.PASS, said
        return Outcome.FAIL, f"{said}, {short_of}"

    return evaluate


def rating_at_least(minimum: str) -> Callable[[Context, str], Verdict]:
    return _rating_rule(minimum, collective=False)


def _first_of_month_before(year: int, month: int, months: int) -> date:
    index = year * 12 + month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def recruited_long_enough(ctx: Context, subject: str) -> Verdict:
    """Worked at least N full calendar months by 31/12 of the achievement year.

    The title is decided at the year-end review, so the period runs from the
    recruitment date to 31 December inclusive: with N = 6 the latest date is
    01/7, with N = 10 it is 01/3 of the achievement year.
    """
    months = ctx.regime.recruitment_min_months
    recruited = _person(ctx, subject).recruited_on
    if recruited is None:
        return Outcome.UNKNOWN, "Chưa có ngày tuyển dụng"
    year_end = date(ctx.year, 12, 31)
    if recruited > year_end:
        return (
            Outcome.FAIL,
            f"Tuyển dụng ngày {short_date(recruited)}, sau năm xét {ctx.year}",
        )
    latest = _first_of_month_before(ctx.year + 1, 1, months)
    if recruited <= latest:
        return (
            Outcome.PASS,
            f"Tuyển dụng ngày {short_date(recruited)}, đến {short_date(year_end)} "
            f"đã đủ {months} tháng công tác",
        )
    return (
        Outcome.FAIL,
        f"Tuyển dụng ngày {short_date(recruited)}, đến {short_date(year_end)} chưa đủ "
        f"{months} tháng công tác (cần tuyển dụng từ ngày {short_date(latest)} trở về trước)",
    )


def leave_under_limit(ctx: Context, subject: str) -> Verdict:
    leave = _person(ctx, subject).leave_working_days
    days = None if leave is None else leave.get(ctx.year)
    if days is None:
        return Outcome.UNKNOWN, f"Chưa có số ngày nghỉ năm {ctx.year}"
    if days < LEAVE_LIMIT_DAYS:
        return (
            Outcome.PASS,
            f"Năm {ctx.year} nghỉ {days} ngày làm việc, dưới {LEAVE_LIMIT_DAYS} ngày",
        )
    return (
        Outcome.FAIL,
        f"Năm {ctx.year} nghỉ {days} ngày làm việc, từ {LEAVE_LIMIT_DAYS} ngày trở lên",
    )


def _discipline_in_year(
    person: Person, year: int, minimum: str
) -> tuple[Outcome, list[tuple[str, date]]]:
    if person.discipline is None:
        return Outcome.UNKNOWN, []
    found = [
        (d.level, d.decided_on)
        for d in person.discipline
        if d.decided_on is not None
        and d.level is not None
        and d.decided_on.year == year
        and DISCIPLINE_RANK[d.level] >= DISCIPLINE_RANK[minimum]
    ]
    return (Outcome.FAIL if found else Outcome.PASS), found


def no_discipline_in_year(ctx: Context, subject: str) -> Verdict:
    """Any disciplinary measure (khiển trách or above) decided in the year excludes."""
    outcome, found = _discipline_in_year(_person(ctx, subject), ctx.year, "khien_trach")
    if outcome is Outcome.UNKNOWN:
        return outcome, "Chưa có thông tin kỷ luật"
    if outcome is Outcome.PASS:
        return outcome, f"Năm {ctx.year} không bị kỷ luật"
    level, decided = found[0]
    return outcome, f"Bị kỷ luật {DISCIPLINE_LEVELS[level]} ngày {short_date(decided)}"


def cstdcs_second_criterion(ctx: Context, subject: str) -> Verdict:
    """Luật 2022 Điều 23 point 2 (legal-verified row 16): ANY ONE OF an htxs
    rating in the year, a sáng kiến recognised and applied at the unit, or an
    accepted research topic, scheme or work (combat ingenuity is not a fact
    of this engine)."""
    person = _person(ctx, subject)
    rating = None if person.ratings is None else person.ratings.get(ctx.year)
    htxs = RATINGS["htxs"]
    records = person.innovations
    fitting = [i for i in records or () if i.year == ctx.year]
    ideas = [i for i in fitting if i.kind == "sang_kien"]
    met = []
    if rating == "htxs":
        met.append(f"năm {ctx.year} xếp loại {htxs}")
    if any(i.applied is True for i in ideas):
        met.append("có sáng kiến được công nhận và áp dụng tại đơn vị")
    if any(i.kind == "de_tai" and i.applied is not False for i in fitting):
        met.append("có đề tài, đề án, công trình được nghiệm thu")
    if met:
        text = "; ".join(met)
        return Outcome.PASS, text[0].upper() + text[1:]
    if records is None:
        if rating is None:
            return Outcome.UNKNOWN, f"Chưa có xếp loại năm {ctx.year} và thông tin sáng kiến"
        return Outcome.UNKNOWN, "Chưa có thông tin sáng kiến, đề tài"
    if rating is None or any(i.applied is None for i in ideas):
        return (
            Outcome.UNKNOWN,
            f"Chưa rõ xếp loại năm {ctx.year} hoặc sáng kiến đã được áp dụng hay chưa "
            f"(cần {htxs}, hoặc một sáng kiến, hoặc một đề tài được nghiệm thu)",
        )
    return (
        Outcome.FAIL,
        f"Năm {ctx.year} xếp loại {RATINGS[rating]}, không có sáng kiến được áp dụng "
        f"hay đề tài được nghiệm thu (cần {htxs}, hoặc một trong hai)",
    )


def holds_or_nominated(title: str) -> Callable[[Context, str], Verdict]:
    def evaluate(ctx: Context, subject: str) -> Verdict:
        outcome, why = ctx.status(subject, title)
        return outcome, why[0].upper() + why[1:]

    return evaluate


def innovations(min_scope: str, count: int, span: int) -> Callable[[Context, str], Verdict]:
    """At least `count` recognised sáng kiến of `min_scope` or wider, applied,
    in the `span` years ending with the achievement year."""
    scope_text = {
        "co_so": "từ cấp cơ sở trở lên",
        "cap_tinh": "có phạm vi ảnh hưởng cấp bộ, ban, ngành, tỉnh trở lên",
        "toan_quoc": "có phạm vi ảnh hưởng toàn quốc",
    }[min_scope]

    def evaluate(ctx: Context, subject: str) -> Verdict:
        records = _person(ctx, subject).innovations
        first, last = ctx.year - span + 1, ctx.year
        when = period_text(first, last)
        if records is None:
            return Outcome.UNKNOWN, "Chưa có thông tin sáng kiến"
        fitting = [
            i
            for i in records
            if first <= i.year <= last and SCOPE_RANK[i.scope] >= SCOPE_RANK[min_scope]
        ]
        applied = sum(1 for i in fitting if i.applied is True)
        undecided = sum(1 for i in fitting if i.applied is None)
        if applied >= count:
            return (
                Outcome.PASS,
                f"Có {applied} sáng kiến {scope_text} được công nhận và áp dụng {when}",
            )
        if applied + undecided >= count:
            return (
                Outcome.UNKNOWN,
                f"Có {applied + undecided} sáng kiến {scope_text} {when}, "
                f"chưa rõ {undecided} sáng kiến đã được áp dụng hay chưa (cần {count})",
            )
        if applied == 0 and count == 1:
            return (
                Outcome.FAIL,
                f"Không có sáng kiến {scope_text} được công nhận và áp dụng {when}",
            )
        return (
            Outcome.FAIL,
            f"Có {applied} sáng kiến {scope_text} được công nhận và áp dụng {when}, cần {count}",
        )

    return evaluate


def consecutive(title: str, years: list[int]) -> Callable[[Context, str], Verdict]:
    """The title in each of `years` (relative offsets to the achievement year)."""

    def evaluate(ctx: Context, subject: str) -> Verdict:
        return _consecutive(ctx, subject, title, [ctx.year + y for y in years])

    return evaluate


def _consecutive(ctx: Context, subject: str, title: str, years: list[int]) -> Verdict:
    label = title_label(title)
    outcomes = {year: ctx.title_in(subject, title, year) for year in years}
    outcome = all_of(list(outcomes.values()))
    if outcome is Outcome.PASS:
        if ctx.regime.rulebook == L22:
            # Row 46 (NĐ 152/2025 Điều 33 khoản 7): how the run is counted.
            return outcome, "Đạt " + consecutive_explanation(label, years)
        return outcome, f"Đạt {label} các năm {years_text(years)}"
    if outcome is Outcome.FAIL:
        missed = [y for y, o in outcomes.items() if o is Outcome.FAIL]
        return (
            outcome,
            f"Không đạt {label} năm {years_text(missed)} (cần các năm {years_text(years)})",
        )
    unknown = [y for y, o in outcomes.items() if o is Outcome.UNKNOWN]
    return outcome, f"Chưa rõ {label} năm {years_text(unknown)} (cần các năm {years_text(years)})"


def cstdcs_or_htxs_two_years(ctx: Context, subject: str) -> Verdict:
    """Điều 74 khoản 1 điểm d: 2 consecutive CSTĐCS, or 2 consecutive years HTXSNV
    (the two years ending with the achievement year)."""
    years = [ctx.year - 1, ctx.year]
    titles_outcome, titles_why = _consecutive(ctx, subject, CSTD_CO_SO, years)
    ratings = _person(ctx, subject).ratings or {}
    rating_outcomes = [
        Outcome.UNKNOWN
        if ratings.get(y) is None
        else (Outcome.PASS if ratings.get(y) == "htxs" else Outcome.FAIL)
        for y in years
    ]
    ratings_outcome = all_of(rating_outcomes)
    outcome = any_of([titles_outcome, ratings_outcome])
    htxs = RATINGS["htxs"]
    if ratings_outcome is Outcome.PASS:
        return outcome, f"Xếp loại {htxs} 2 năm liên tục {years_text(years)}"
    if titles_outcome is Outcome.PASS:
        return outcome, titles_why
    shown = ", ".join(
        f"{y}: {RATINGS[r] if (r := ratings.get(y)) else 'chưa có xếp loại'}" for y in years
    )
    return outcome, f"{titles_why}; xếp loại {shown} (hoặc cần {htxs} cả 2 năm)"


def criteria_not_encoded(what: str) -> Callable[[Context, str], Verdict]:
    def evaluate(ctx: Context, subject: str) -> Verdict:
        return (
            Outcome.UNKNOWN,
            f"Tiêu chuẩn {what} chưa được xác nhận trong tài liệu tham chiếu; "
            "cần xét theo quy định của bộ, ngành, tỉnh",
        )

    return evaluate


# --- collective facts ---------------------------------------------------------


def _count_members(
    ctx: Context, subject: str, member_outcome: Callable[[str], Outcome]
) -> tuple[int, int, list[str], int] | None:
    members = _collective(ctx, subject).members
    if not members:
        return None
    yes = maybe = 0
    failing: list[str] = []
    for member in members:
        outcome = member_outcome(member)
        if outcome is Outcome.PASS:
            yes += 1
        elif outcome is Outcome.UNKNOWN:
            maybe += 1
        else:
            failing.append(ctx.name(member))
    return yes, maybe, failing, len(members)


NO_MEMBERS = "Chưa có danh sách thành viên của tập thể"


def collective_rating_at_least(minimum: str) -> Callable[[Context, str], Verdict]:
    return _rating_rule(minimum, collective=True)


def members_ldtt_share(
    numerator: int, denominator: int, strict: bool
) -> Callable[[Context, str], Verdict]:
    """Share of members holding LĐTT that year (or nominated and eligible):
    more than (strict) or at least numerator/denominator."""
    need = (
        ("trên " if strict else "từ ")
        + percent_text(numerator, denominator)
        + ("" if strict else " trở lên")
    )

    def enough(count: int, total: int) -> bool:
        lhs, rhs = count * denominator, numerator * total
        return lhs > rhs if strict else lhs >= rhs

    def evaluate(ctx: Context, subject: str) -> Verdict:
        counted = _count_members(ctx, subject, lambda m: ctx.status(m, LAO_DONG_TIEN_TIEN)[0])
        if counted is None:
            return Outcome.UNKNOWN, NO_MEMBERS
        yes, maybe, _failing, total = counted
        text = (
            f"{yes}/{total} thành viên là Lao động tiên tiến năm {ctx.year} "
            f"({percent_text(yes, total)}), cần {need}"
        )
        if enough(yes, total):
            return Outcome.PASS, text
        if enough(yes + maybe, total):
            return Outcome.UNKNOWN, f"{text}; còn {maybe} thành viên chưa rõ"
        return Outcome.FAIL, text

    return evaluate


def members_complete_tasks(ctx: Context, subject: str) -> Verdict:
    """100% of members rated hoàn thành nhiệm vụ or better that year."""

    def member(m: str) -> Outcome:
        ratings = ctx.people[m].ratings
        rating = None if ratings is None else ratings.get(ctx.year)
        if rating is None:
            # A Lao động tiên tiến of the year (held, or nominated with its
            # criteria passing) was rated hoàn thành tốt nhiệm vụ or better
            # (Điều 24 khoản 1 Luật 2022; same criterion under the old law),
            # so the member completed the tasks even with no rating given.
            held = ctx.status(m, LAO_DONG_TIEN_TIEN)[0]
            return Outcome.PASS if held is Outcome.PASS else Outcome.UNKNOWN
        return Outcome.PASS if RATING_RANK[rating] >= RATING_RANK["ht"] else Outcome.FAIL

    counted = _count_members(ctx, subject, member)
    if counted is None:
        return Outcome.UNKNOWN, NO_MEMBERS
    yes, maybe, failing, total = counted
    if failing:
        return (
            Outcome.FAIL,
            f"{len(failing)}/{total} thành viên {RATINGS['kht']} năm {ctx.year}: "
            f"{names_text(failing)}",
        )
    if maybe:
        return Outcome.UNKNOWN, f"{maybe}/{total} thành viên chưa có xếp loại năm {ctx.year}"
    return Outcome.PASS, f"Cả {total} thành viên hoàn thành nhiệm vụ trở lên năm {ctx.year}"


def has_member_cstdcs(ctx: Context, subject: str) -> Verdict:
    label = title_label(CSTD_CO_SO)
    members = _collective(ctx, subject).members
    if not members:
        return Outcome.UNKNOWN, NO_MEMBERS
    unknown = 0
    for member in members:
        outcome, why = ctx.status(member, CSTD_CO_SO)
        if outcome is Outcome.PASS:
            return outcome, f"Thành viên {ctx.name(member)}: {why}"
        unknown += outcome is Outcome.UNKNOWN
    if unknown:
        return Outcome.UNKNOWN, f"Chưa rõ {label} năm {ctx.year} của {unknown} thành viên"
    return Outcome.FAIL, f"Không thành viên nào đạt hoặc đủ tiêu chuẩn {label} năm {ctx.year}"


def no_member_disciplined(ctx: Context, subject: str) -> Verdict:
    """No member disciplined at cảnh cáo or above in the year."""
    members = _collective(ctx, subject).members
    if not members:
        return Outcome.UNKNOWN, NO_MEMBERS
    unknown = 0
    for member in members:
        outcome, found = _discipline_in_year(ctx.people[member], ctx.year, "canh_cao")
        if outcome is Outcome.FAIL:
            level, decided = found[0]
            return (
                outcome,
                f"Thành viên {ctx.name(member)} bị kỷ luật {DISCIPLINE_LEVELS[level]} "
                f"ngày {short_date(decided)}",
            )
        unknown += outcome is Outcome.UNKNOWN
    if unknown:
        return Outcome.UNKNOWN, f"Chưa có thông tin kỷ luật của {unknown} thành viên"
    return (
        Outcome.PASS,
        f"Năm {ctx.year} không thành viên nào bị kỷ luật từ cảnh cáo trở lên",
    )


# --- the rulebook -------------------------------------------------------------

L03, L22 = "luat-2003", "luat-2022"
OLD_LAW = f"{LAW_2003} (sửa đổi, bổ sung)"
# Exclusions widely applied under the old regime (notes §2.6); which article
# carries them is not in the notes.
OLD_EXCLUSION = Basis(f"{OLD_LAW} và Nghị định 91/2017/NĐ-CP", article_confirmed=False)
NEW_EXCLUSION = Basis("Thông tư 01/2024/TT-BNV", confirmed=False, article_confirmed=False)
# Row 14: no national text says a khiển trách decided in the year bars the
# title under the 2022 law; kept only as a local rule, off by default.
LOCAL_DISCIPLINE = Basis(
    "Quy định riêng của bộ, ngành, địa phương (không xét người bị kỷ luật từ khiển trách "
    "trong năm)",
    confirmed=False,
)

_CSTDCS_22 = Basis(f"Điều 23 điểm 1 {LAW_2022}", grade="B")
_CSTDCS_22_SECOND = Basis(f"Điều 23 điểm 2 {LAW_2022}", grade="B")
_CSTDCS_03 = Basis(f"Điều 23 {LAW_2003} (sửa đổi, bổ sung)", grade="B")
# Row 20: Điều 23 of the 2022 law is CSTĐCS; the article for CSTĐ cấp bộ,
# ban, ngành, tỉnh and for toàn quốc was not read.
_CSTD_TINH_22 = Basis(
    f"{LAW_2022}, Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", article_confirmed=False
)
_CSTD_TQ_22 = Basis(f"{LAW_2022}, Chiến sĩ thi đua toàn quốc", article_confirmed=False)
# Row 21 (grade A): the CSTĐ toàn quốc dossier proves a nationwide sáng kiến or research.
_CSTD_TQ_INNOVATION_22 = Basis("Điều 36 khoản 2 điểm d Nghị định 152/2025/NĐ-CP", grade="A")
# Notes §2.4: the criteria are confirmed in the old law's Điều 28 and the 2022
# law's Điều 28 keeps the title (confirmed); only its 2022 wording is not.
# Treated like Chiến sĩ thi đua cơ sở above (confirmed, wording flagged), so
# that `--no-unconfirmed` does not leave the title without criteria.
_TTLDTT_22 = Basis(f"Điều 28 {LAW_2022} (câu chữ chưa xác nhận, giữ tiêu chuẩn Điều 28 Luật 2003)")
_TTLDTT_03 = Basis(f"Điều 28 khoản 1 {LAW_2003}", grade="B")
_TTLDXS_22 = Basis(f"Điều 27 {LAW_2022}")
_TTLDXS_03 = Basis(f"{OLD_LAW}, tiêu chuẩn Tập thể lao động xuất sắc", article_confirmed=False)
_BANG_KHEN_D = Basis(f"Điều 74 khoản 1 điểm d {LAW_2022}")


def _both(
    rule_id: str,
    title: str,
    kind: str,
    evaluate: Callable[[Context, str], Verdict],
    old: Basis,
    new: Basis,
    manual: bool = False,
) -> list[Rule]:
    return [
        Rule(rule_id, L03, title, kind, old, evaluate, manual),
        Rule(rule_id, L22, title, kind, new, evaluate, manual),
    ]


# The rules of the titles decided up to ministry, province level; the
# national forms are in national.py, the whole rulebook in rulebook.py.
CORE_RULES: tuple[Rule, ...] = tuple(
    [
        # Lao động tiên tiến
        *_both(
            "rating_at_least_htt",
            LAO_DONG_TIEN_TIEN,
            PERSON,
            rating_at_least("htt"),
            Basis(f"{OLD_LAW}, tiêu chuẩn Lao động tiên tiến", article_confirmed=False),
            Basis(f"Điều 24 khoản 1 {LAW_2022}", grade="B"),
        ),
        # The period itself (6 or 10 months) is regime data.
        Rule(
            "recruited_long_enough",
            L03,
            LAO_DONG_TIEN_TIEN,
            PERSON,
            Basis(
                "Nghị định 91/2017/NĐ-CP (không xét người mới tuyển dụng dưới 10 tháng)",
                article_confirmed=False,
            ),
            recruited_long_enough,
        ),
        Rule(
            "recruited_long_enough",
            L22,
            LAO_DONG_TIEN_TIEN,
            PERSON,
            Basis(
                "Thông tư 01/2024/TT-BNV (không xét người mới tuyển dụng dưới 6 tháng)",
                article_confirmed=False,
            ),
            recruited_long_enough,
        ),
        *_both(
            "leave_under_40_working_days",
            LAO_DONG_TIEN_TIEN,
            PERSON,
            leave_under_limit,
            OLD_EXCLUSION,
            NEW_EXCLUSION,
        ),
        *_both(
            "no_discipline_in_year",
            LAO_DONG_TIEN_TIEN,
            PERSON,
            no_discipline_in_year,
            OLD_EXCLUSION,
            LOCAL_DISCIPLINE,
        ),
        # Chiến sĩ thi đua cơ sở
        *_both(
            "holds_lao_dong_tien_tien",
            CSTD_CO_SO,
            PERSON,
            holds_or_nominated(LAO_DONG_TIEN_TIEN),
            _CSTDCS_03,
            _CSTDCS_22,
        ),
        # Row 17: the old law requires the sáng kiến (or research); row 16:
        # the 2022 law takes any one of htxs, sáng kiến or accepted research.
        Rule(
            "innovation_applied_at_unit",
            L03,
            CSTD_CO_SO,
            PERSON,
            _CSTDCS_03,
            innovations("co_so", 1, 1),
        ),
        Rule(
            "innovation_applied_at_unit",
            L22,
            CSTD_CO_SO,
            PERSON,
            _CSTDCS_22_SECOND,
            cstdcs_second_criterion,
        ),
        # Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh: 3 consecutive CSTĐCS ending
        # with the achievement year; the sáng kiến is counted over those years.
        *_both(
            "three_consecutive_cstdcs",
            CSTD_CAP_TINH,
            PERSON,
            consecutive(CSTD_CO_SO, [-2, -1, 0]),
            Basis(f"Điều 22 {LAW_2003}", grade="B"),
            _CSTD_TINH_22,
        ),
        *_both(
            "innovation_provincial_scope",
            CSTD_CAP_TINH,
            PERSON,
            innovations("cap_tinh", 1, 3),
            Basis(f"Điều 22 {LAW_2003}"),
            _CSTD_TINH_22,
        ),
        # Chiến sĩ thi đua toàn quốc: 2 consecutive CSTĐ tỉnh. Each closes a run
        # of 3 CSTĐCS, so back-to-back ones fall 3 years apart (Y−3 and Y).
        *_both(
            "two_consecutive_cstd_cap_tinh",
            CSTD_TOAN_QUOC,
            PERSON,
            consecutive(CSTD_CAP_TINH, [-3, 0]),
            Basis(f"{OLD_LAW}, Chiến sĩ thi đua toàn quốc", confirmed=False),
            _CSTD_TQ_22,
        ),
        *_both(
            "innovation_nationwide_scope",
            CSTD_TOAN_QUOC,
            PERSON,
            innovations("toan_quoc", 1, 6),
            Basis(f"{OLD_LAW}, Chiến sĩ thi đua toàn quốc", confirmed=False),
            _CSTD_TQ_INNOVATION_22,
        ),
        # Bằng khen cấp bộ, ban, ngành, tỉnh
        Rule(
            "two_years_cstdcs_or_htxs",
            L22,
            BANG_KHEN_CAP_TINH,
            PERSON,
            _BANG_KHEN_D,
            cstdcs_or_htxs_two_years,
        ),
        Rule(
            "two_innovations_applied",
            L22,
            BANG_KHEN_CAP_TINH,
            PERSON,
            _BANG_KHEN_D,
            innovations("co_so", 2, 2),
        ),
        Rule(
            "bang_khen_criteria_not_encoded",
            L03,
            BANG_KHEN_CAP_TINH,
            PERSON,
            Basis(f"{OLD_LAW}, Bằng khen cấp bộ, ban, ngành, tỉnh", confirmed=False),
            criteria_not_encoded("Bằng khen theo Luật Thi đua, khen thưởng 2003"),
            manual=True,
        ),
        *_both(
            "bang_khen_criteria_not_encoded",
            BANG_KHEN_CAP_TINH,
            COLLECTIVE,
            criteria_not_encoded("Bằng khen cho tập thể"),
            Basis(f"{OLD_LAW}, Bằng khen cấp bộ, ban, ngành, tỉnh", confirmed=False),
            Basis(f"Điều 74 {LAW_2022} (tiêu chuẩn tập thể)", confirmed=False),
            manual=True,
        ),
        # Giấy khen: criteria (Điều 75) UNCONFIRMED
        *[
            rule
            for kind in (PERSON, COLLECTIVE)
            for rule in _both(
                "giay_khen_criteria_not_encoded",
                GIAY_KHEN,
                kind,
                criteria_not_encoded("Giấy khen"),
                Basis(f"{OLD_LAW}, Giấy khen", confirmed=False),
                Basis(f"Điều 75 {LAW_2022}", confirmed=False, grade="A"),
                manual=True,
            )
        ],
        # Tập thể lao động tiên tiến
        *_both(
            "collective_rating_at_least_htt",
            TAP_THE_LDTT,
            COLLECTIVE,
            collective_rating_at_least("htt"),
            _TTLDTT_03,
            _TTLDTT_22,
        ),
        *_both(
            "members_ldtt_over_half",
            TAP_THE_LDTT,
            COLLECTIVE,
            members_ldtt_share(1, 2, strict=True),
            _TTLDTT_03,
            _TTLDTT_22,
        ),
        *_both(
            "no_member_disciplined_canh_cao_or_above",
            TAP_THE_LDTT,
            COLLECTIVE,
            no_member_disciplined,
            _TTLDTT_03,
            _TTLDTT_22,
        ),
        # Tập thể lao động xuất sắc
        *_both(
            "collective_rating_htxs",
            TAP_THE_LDXS,
            COLLECTIVE,
            collective_rating_at_least("htxs"),
            _TTLDXS_03,
            _TTLDXS_22,
        ),
        *_both(
            "members_all_complete_tasks",
            TAP_THE_LDXS,
            COLLECTIVE,
            members_complete_tasks,
            _TTLDXS_03,
            _TTLDXS_22,
        ),
        *_both(
            "members_ldtt_at_least_70_percent",
            TAP_THE_LDXS,
            COLLECTIVE,
            members_ldtt_share(7, 10, strict=False),
            _TTLDXS_03,
            _TTLDXS_22,
        ),
        *_both(
            "has_member_cstdcs",
            TAP_THE_LDXS,
            COLLECTIVE,
            has_member_cstdcs,
            _TTLDXS_03,
            _TTLDXS_22,
        ),
        *_both(
            "no_member_disciplined_canh_cao_or_above",
            TAP_THE_LDXS,
            COLLECTIVE,
            no_member_disciplined,
            _TTLDXS_03,
            Basis(f"Điều 27 {LAW_2022}", confirmed=False),
        ),
    ]
)
