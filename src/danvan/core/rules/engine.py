"""Evaluate a scenario: criteria per nomination, procedural checks, quotas.

Nominations are evaluated title by title in dependency order (LĐTT before
CSTĐCS before CSTĐ tỉnh ...; individuals before collectives), each
(subject, title) once, so a collective of n members costs O(n) lookups and a
whole round is linear in the size of the scenario.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import floor

from danvan.core.rules.awards import CLUSTER_CAP_BASIS, VOTE_THRESHOLDS
from danvan.core.rules.context import Context, implied_titles
from danvan.core.rules.criteria import COLLECTIVE, PERSON, Rule
from danvan.core.rules.model import (
    CO_THI_DUA_CHINH_PHU,
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    TITLE_ORDER,
    TITLES,
    Check,
    EngineConfig,
    Nomination,
    NominationResult,
    Outcome,
    Quota,
    QuotaResult,
    Result,
    Scenario,
    Suggestion,
    all_of,
    title_label,
)
from danvan.core.rules.national import (
    CLUSTER_CAP,
    COUNCIL_VOTE,
    cluster_cap_result,
    council_vote_check,
)
from danvan.core.rules.parse import ScenarioError
from danvan.core.rules.procedure import (
    DECREE_IN_FORCE,
    DISCIPLINE_BASIS,
    DISCIPLINE_ND152,
    decree_check,
    discipline_check,
    received_day,
)
from danvan.core.rules.regimes import (
    AUTHORITIES,
    LAW_2003,
    LAW_2022,
    REGIMES,
    Basis,
    Regime,
    authorities_for,
    authority_status,
    regime_for_year,
)
from danvan.core.rules.rulebook import rules_for

ONE_AWARD = "one_award_per_achievement"
AUTHORITY = "authority_can_grant"
NO_CRITERIA = "no_active_criteria"

_ONE_AWARD_BASIS = {
    # Row 45: Điều 5 was seen only in a press summary (NOT FOUND).
    "luat-2022": Basis(f"Điều 5 {LAW_2022}"),
    # A data check (one title per subject and achievement year); the notes do
    # not give the 2003 law's wording of the principle.
    "luat-2003": Basis(
        f"Không khen trùng cho cùng năm thành tích ({LAW_2003})", article_confirmed=False
    ),
}
_ONE_AWARD_TEXT = {regime: basis.text() for regime, basis in _ONE_AWARD_BASIS.items()}
_AUTHORITY_BASIS = {
    "luat-2022": Basis(f"Điều 80 {LAW_2022}; Điều 6 Nghị định 152/2025/NĐ-CP", grade="A"),
    "luat-2003": Basis(f"Điều 80 {LAW_2003}"),
}


ALL_TITLES = "Mọi danh hiệu, hình thức"


def general_rules() -> list[tuple[str, str, str, Basis]]:
    """The checks that are not criteria of one title: rule id, regime, what
    they apply to (Vietnamese) and basis (for `danvan rules list`)."""
    found = [(ONE_AWARD, rid, ALL_TITLES, basis) for rid, basis in _ONE_AWARD_BASIS.items()]
    found += [(AUTHORITY, rid, ALL_TITLES, basis) for rid, basis in _AUTHORITY_BASIS.items()]
    found += [
        (DECREE_IN_FORCE, r.id, ALL_TITLES, phase.basis)
        for r in REGIMES.values()
        for phase in r.phases
    ]
    voted = ", ".join(title_label(t) for t in VOTE_THRESHOLDS)
    found += [
        (DISCIPLINE_ND152, "luat-2022", "Mọi danh hiệu, hình thức của cá nhân", DISCIPLINE_BASIS),
        (COUNCIL_VOTE, "luat-2022", voted, next(iter(VOTE_THRESHOLDS.values())).basis),
        (CLUSTER_CAP, "luat-2022", title_label(CO_THI_DUA_CHINH_PHU), CLUSTER_CAP_BASIS),
    ]
    return found


def resolve_regime(scenario: Scenario) -> Regime:
    """The regime forced by the scenario, or the one in force for its year."""
    if scenario.regime is not None:
        if scenario.regime not in REGIMES:
            raise ScenarioError("regime", f"chế độ không hợp lệ '{scenario.regime}'")
        return REGIMES[scenario.regime]
    regime = regime_for_year(scenario.year)
    if regime is None:
        raise ScenarioError("year", f"chưa mã hóa chế độ khen thưởng cho năm {scenario.year}")
    return regime


def validate_references(scenario: Scenario) -> None:
    """What parse_scenario guarantees, checked again for scenarios built as
    dataclasses by the application: every id referred to exists and every
    title suits its subject."""
    people = {p.id for p in scenario.people}
    collectives = {c.id for c in scenario.collectives}
    for i, collective in enumerate(scenario.collectives):
        for j, member in enumerate(collective.members or ()):
            if member not in people:
                raise ScenarioError(
                    f"collectives[{i}].members[{j}]", f"không có cá nhân '{member}' trong people"
                )
    for i, nomination in enumerate(scenario.nominations):
        if nomination.title not in TITLES:
            raise ScenarioError(
                f"nominations[{i}].title", f"danh hiệu không hợp lệ '{nomination.title}'"
            )
        if nomination.subject in people:
            allowed = INDIVIDUAL_TITLES
        elif nomination.subject in collectives:
            allowed = COLLECTIVE_TITLES
        else:
            raise ScenarioError(
                f"nominations[{i}].subject",
                f"không có cá nhân hay tập thể '{nomination.subject}'",
            )
        if nomination.title not in allowed:
            raise ScenarioError(
                f"nominations[{i}].title", f"'{nomination.title}' không dùng cho đối tượng này"
            )
        if nomination.authority is not None and nomination.authority not in AUTHORITIES:
            raise ScenarioError(
                f"nominations[{i}].authority", f"thẩm quyền không hợp lệ '{nomination.authority}'"
            )
    if scenario.authority is not None and scenario.authority not in AUTHORITIES:
        raise ScenarioError("authority", f"thẩm quyền không hợp lệ '{scenario.authority}'")


def _active(rules: tuple[Rule, ...], config: EngineConfig) -> list[Rule]:
    return [
        r
        for r in rules
        if r.id not in config.disabled_rules and (config.include_unconfirmed or r.confirmed)
    ]


def _rules(
    regime: Regime, title: str, kind: str, rules_on: frozenset[str] = frozenset()
) -> tuple[Rule, ...]:
    """The regime's rulebook for a title, less what the regime switches off
    and the decree rules the governing decree does not carry."""
    return tuple(
        r
        for r in rules_for(regime.rulebook, title, kind)
        if r.id not in regime.rules_off and (not r.by_decree or r.id in rules_on)
    )


def decree_rules(regime: Regime, scenario: Scenario) -> tuple[frozenset[str], Check | None]:
    """The rule ids the decree governing the dossier switches on, and the
    check to add when no decree is recorded for its received date."""
    phase, lapsed = decree_check(regime, received_day(scenario.year, scenario.received_on))
    return (frozenset() if phase is None else phase.rules_on), lapsed


def _kind(ctx: Context, subject: str) -> str:
    return PERSON if subject in ctx.people else COLLECTIVE


def _criteria_checks(
    ctx: Context,
    subject: str,
    title: str,
    config: EngineConfig,
    cache: dict[tuple[str, str], tuple[tuple[Rule, ...], list[Rule]]],
) -> tuple[Check, ...]:
    key = (title, _kind(ctx, subject))
    if key not in cache:
        rules = _rules(ctx.regime, *key, ctx.rules_on)
        cache[key] = (rules, _active(rules, config))
    rules, active = cache[key]
    if not active:
        # Never eligible by default: with every criterion switched off the
        # nomination needs a person to decide.
        return (
            Check(
                NO_CRITERIA,
                Outcome.UNKNOWN,
                "Cấu hình triển khai",
                f"Không còn tiêu chí nào của {title_label(title)} được áp dụng "
                f"(đã tắt {len(rules)} tiêu chí); cần xét thủ công",
            ),
        )
    checks = []
    for rule in active:
        outcome, message = rule.evaluate(ctx, subject)
        checks.append(Check(rule.id, outcome, rule.basis_text, message, rule.confirmed))
    return tuple(checks)


def _one_award_check(ctx: Context, subject: str, title: str, count: int) -> Check:
    basis = _ONE_AWARD_BASIS[ctx.regime.rulebook]
    name, label, year = ctx.name(subject), title_label(title), ctx.year
    # Only the same title counts here (no implied titles): Điều 5 forbids a
    # second award of this title for the same year's achievement.
    held = ctx.recorded(subject, title, year)
    if count > 1:
        outcome = Outcome.FAIL
        message = (
            f"{name} có {count} đề nghị {label} năm {year} trong cùng đợt; "
            "mỗi thành tích chỉ khen một lần"
        )
    elif held is Outcome.PASS:
        outcome = Outcome.FAIL
        message = f"{name} đã được tặng {label} năm {year}; mỗi thành tích chỉ khen một lần"
    elif held is Outcome.UNKNOWN:
        # Điều 5 refuses a SECOND award: with no titles record there is no
        # known first one and no duplicate nomination, so nothing to refuse.
        # The other rules still answer "unknown" for the facts they need.
        outcome = Outcome.PASS
        message = (
            f"Không có hồ sơ danh hiệu năm {year} của {name} cho thấy đã được tặng {label}; "
            "không trùng đề nghị"
        )
    else:
        outcome = Outcome.PASS
        message = f"{name} chưa được tặng {label} năm {year} và không trùng đề nghị"
    return Check(ONE_AWARD, outcome, _ONE_AWARD_TEXT[ctx.regime.rulebook], message, basis.confirmed)


def _authority_check(ctx: Context, authority: str, title: str, config: EngineConfig) -> Check:
    who, label = AUTHORITIES[authority], title_label(title)
    on = date(ctx.year, 12, 31)  # titles are decided at the year-end review
    outcome, grant = authority_status(authority, title, ctx.regime.rulebook, on)
    if grant is None or (not grant.basis.confirmed and not config.include_unconfirmed):
        basis = _AUTHORITY_BASIS[ctx.regime.rulebook]
        return Check(
            AUTHORITY,
            Outcome.UNKNOWN,
            basis.text(),
            f"Thẩm quyền của {who} theo {ctx.regime.name} chưa được mã hóa",
        )
    basis_text = grant.basis.text()
    if outcome is Outcome.PASS:
        message = f"{who} có thẩm quyền tặng {label}"
    elif grant.valid_to is not None and on > grant.valid_to:
        outcome = Outcome.FAIL
        message = (
            f"{who} không còn thẩm quyền sau ngày {grant.valid_to.day:02d}/"
            f"{grant.valid_to.month}/{grant.valid_to.year}"
        )
    elif not grant.basis.confirmed:
        # The list of powers itself is unconfirmed: absence from it proves nothing.
        outcome = Outcome.UNKNOWN
        message = f"Chưa xác nhận {who} có thẩm quyền tặng {label}"
    else:
        message = f"{who} không có thẩm quyền tặng {label}"
    if outcome is Outcome.FAIL:
        able = [
            AUTHORITIES[a]
            for a in authorities_for(title, ctx.regime.rulebook, on)
            if a != authority
        ]
        if able:
            message += f"; thẩm quyền tặng: {', '.join(able)}"
    return Check(AUTHORITY, outcome, basis_text, message, grant.basis.confirmed)


def evaluate(scenario: Scenario, config: EngineConfig | None = None) -> Result:
    """Check every nomination of the scenario and every quota."""
    config = config or EngineConfig()
    regime = resolve_regime(scenario)
    validate_references(scenario)
    counts = Counter((n.subject, n.title) for n in scenario.nominations)
    ctx = Context(scenario, regime, counts)
    day = received_day(scenario.year, scenario.received_on)
    ctx.rules_on, lapsed = decree_rules(regime, scenario)
    switched_on = ctx.rules_on - config.disabled_rules
    criteria: dict[tuple[str, str], tuple[Check, ...]] = {}
    cache: dict[tuple[str, str], tuple[tuple[Rule, ...], list[Rule]]] = {}
    for subject, title in sorted(counts, key=lambda pair: TITLE_ORDER[pair[1]]):
        found = _criteria_checks(ctx, subject, title, config, cache)
        criteria[(subject, title)] = found
        ctx.criteria[(subject, title)] = all_of([c.result for c in found])

    results = []
    for nomination in scenario.nominations:
        pair = (nomination.subject, nomination.title)
        checks = list(criteria[pair])
        if ONE_AWARD not in config.disabled_rules:
            checks.append(_one_award_check(ctx, *pair, counts[pair]))
        authority = nomination.authority or scenario.authority
        if authority is not None and AUTHORITY not in config.disabled_rules:
            checks.append(_authority_check(ctx, authority, nomination.title, config))
        if DISCIPLINE_ND152 in switched_on and nomination.subject in ctx.people:
            checks.append(discipline_check(ctx.people[nomination.subject], scenario.year, day))
        if COUNCIL_VOTE in switched_on and (vote := council_vote_check(nomination)) is not None:
            checks.append(vote)
        if lapsed is not None:
            checks.append(lapsed)
        results.append(NominationResult(nomination.subject, nomination.title, tuple(checks)))

    quotas = [_quota_result(ctx, quota, counts, None) for quota in scenario.quotas]
    flags = {subject for subject, title in counts if title == CO_THI_DUA_CHINH_PHU}
    if CLUSTER_CAP in switched_on and flags:
        quotas.append(cluster_cap_result(len(flags), scenario.cluster_leaders))
    for default in regime.default_quotas:
        if default.rule in config.disabled_rules:
            continue
        if not default.basis.confirmed and not config.include_unconfirmed:
            continue  # row 43: a cap no text confirms is off unless switched on
        if not any(title == default.title for _subject, title in counts):
            # The regime's own cap binds the nominations of a round; a round
            # nominating nobody for the title has nothing to check (scenario
            # quotas, set by the authority, are always reported).
            continue
        stricter_given = any(
            q.title == default.title
            and q.max_percent_of == default.max_percent_of
            and q.percent is not None
            and q.percent <= default.percent
            for q in scenario.quotas
        )
        if not stricter_given:
            quota = Quota(default.title, default.max_percent_of, default.percent)
            quotas.append(_quota_result(ctx, quota, counts, (default.rule, default.basis.text())))
    return Result(regime.id, scenario.year, tuple(results), tuple(quotas))


# --- quotas -------------------------------------------------------------------


def percent_label(percent: Fraction) -> str:
    """15 → '15%', 12.5 → '12,5%'."""
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    text = format(Decimal(percent.numerator) / Decimal(percent.denominator), "f")
    return f"{text.rstrip('0').rstrip('.').replace('.', ',')}%"


def _base_counts(ctx: Context, title: str) -> tuple[int, int]:
    """Subjects holding `title` in the year or nominated with criteria passing
    (yes), and nominated with criteria still unknown (maybe)."""
    candidates = {subject for subject, t in ctx.nominated if t == title}
    year = ctx.year
    for records in (ctx.people.values(), ctx.collectives.values()):
        for record in records:
            if record.titles is not None and title in implied_titles(record.titles.get(year, ())):
                candidates.add(record.id)
    yes = maybe = 0
    for subject in candidates:
        outcome = ctx.status(subject, title)[0]
        yes += outcome is Outcome.PASS
        maybe += outcome is Outcome.UNKNOWN
    return yes, maybe


def _quota_result(
    ctx: Context,
    quota: Quota,
    counts: Counter[tuple[str, str]],
    source: tuple[str, str] | None,
) -> QuotaResult:
    label = title_label(quota.title)
    nominated = sum(1 for _subject, title in counts if title == quota.title)
    low: int | None = quota.max_count
    high: int | None = quota.max_count
    phrases = []
    maybe = 0
    if quota.max_percent_of is not None and quota.percent is not None:
        yes, maybe = _base_counts(ctx, quota.max_percent_of)
        low_share = floor(quota.percent * yes / 100)
        high_share = floor(quota.percent * (yes + maybe) / 100)
        low = low_share if low is None else min(low, low_share)
        high = high_share if high is None else min(high, high_share)
        base = f"{yes}" if not maybe else f"{yes}–{yes + maybe}"
        phrases.append(
            f"{percent_label(quota.percent)} của {base} {title_label(quota.max_percent_of)}"
        )
    if quota.max_count is not None:
        phrases.append(f"số lượng tối đa {quota.max_count}")
    assert low is not None and high is not None  # parse_scenario guarantees one cap
    limit = " và ".join(phrases)
    allowed = str(low) if low == high else f"{low}–{high}"
    if quota.max_percent_of is not None:  # a bare count needs no "(tối đa n)"
        limit = f"{limit} (tối đa {allowed})"
    head = f"{nominated} đề nghị {label}"
    if nominated <= low:
        outcome, message = Outcome.PASS, f"{head} trong giới hạn {limit}"
    elif nominated > high:
        outcome, message = Outcome.FAIL, f"{head} vượt {limit}"
    else:
        outcome = Outcome.UNKNOWN
        message = (
            f"{head}: giới hạn {limit} còn phụ thuộc {maybe} đề nghị "
            f"{title_label(quota.max_percent_of or quota.title)} chưa đủ dữ kiện"
        )
    rule, basis = source if source is not None else (None, None)
    return QuotaResult(quota.title, nominated, low, outcome, message, rule, basis)


# --- suggestions ----------------------------------------------------------------


def suggest(
    scenario: Scenario,
    config: EngineConfig | None = None,
    titles: frozenset[str] | None = None,
) -> list[Suggestion]:
    """Titles each person and collective could be nominated for this year.

    Every subject is tried for every title (ignoring the scenario's own
    nominations and quotas) that it does not already hold, that has encoded
    criteria, and that the scenario's authority (if any) may confer. Returned:
    the eligible ones and the near misses, where exactly one check does not pass
    (its `missing` tells what is lacking).
    """
    config = config or EngineConfig()
    regime = resolve_regime(scenario)
    wanted = TITLES.keys() if titles is None else titles
    on = date(scenario.year, 12, 31)
    rules_on, _lapsed = decree_rules(regime, scenario)
    candidates: list[Nomination] = []
    groups = (
        (PERSON, scenario.people, INDIVIDUAL_TITLES),
        (COLLECTIVE, scenario.collectives, COLLECTIVE_TITLES),
    )
    for kind, records, allowed in groups:
        for title in TITLES:
            if title not in allowed or title not in wanted:
                continue
            active = _active(_rules(regime, title, kind, rules_on), config)
            if not active or all(rule.manual for rule in active):
                continue
            if scenario.authority is not None:
                can, _grant = authority_status(scenario.authority, title, regime.rulebook, on)
                if can is Outcome.FAIL:
                    continue
            for record in records:
                if record.titles is not None and title in implied_titles(
                    record.titles.get(scenario.year, ())
                ):
                    continue
                candidates.append(Nomination(record.id, title))
    trial = replace(scenario, nominations=tuple(candidates), quotas=())
    result = evaluate(trial, config)
    # Suggestions come before the council votes: its check is not a lack.
    found = [
        Suggestion(n.subject, n.title, tuple(c for c in n.checks if c.rule != COUNCIL_VOTE))
        for n in result.nominations
    ]
    return [s for s in found if len(s.missing) <= 1]
