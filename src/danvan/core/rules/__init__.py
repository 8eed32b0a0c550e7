"""Commendation rules engine: does a nomination meet its title's criteria
under the regime in force for the achievement year, and do the nominations
respect the quotas? Pure Python; configuration comes in as EngineConfig.

Contract: shared/spec/commendation.md. Law: shared/reference/legal-notes.md §2.
See README.md in this package for the modelling choices.
"""

from danvan.core.rules.criteria import Rule
from danvan.core.rules.engine import (
    AUTHORITY,
    NO_CRITERIA,
    ONE_AWARD,
    evaluate,
    general_rules,
    resolve_regime,
    suggest,
)
from danvan.core.rules.model import (
    COLLECTIVE_TITLES,
    DISCIPLINE_LEVELS,
    INDIVIDUAL_TITLES,
    RATINGS,
    SCOPES,
    TITLES,
    Check,
    Collective,
    Discipline,
    EngineConfig,
    Innovation,
    Nomination,
    NominationResult,
    Outcome,
    Person,
    Quota,
    QuotaResult,
    Result,
    Scenario,
    Suggestion,
    title_label,
)
from danvan.core.rules.national import NATIONAL_RULE_IDS
from danvan.core.rules.parse import SCENARIO_SCHEMA, ScenarioError, parse_scenario
from danvan.core.rules.procedure import PROCEDURE_RULE_IDS
from danvan.core.rules.regimes import (
    AUTHORITIES,
    REGIMES,
    Regime,
    authorities_for,
    authority_status,
    can_grant,
    regime_for_year,
    register_regime,
    unregister_regime,
)
from danvan.core.rules.rulebook import RULE_IDS, RULE_TITLES, RULES, rules_for
from danvan.core.rules.serialize import RESULT_SCHEMA, error_to_json, result_to_json

GENERAL_RULE_IDS: frozenset[str] = (
    frozenset({ONE_AWARD, AUTHORITY}) | PROCEDURE_RULE_IDS | NATIONAL_RULE_IDS
)
KNOWN_RULE_IDS: frozenset[str] = (
    RULE_IDS
    | GENERAL_RULE_IDS
    | frozenset(q.rule for r in REGIMES.values() for q in r.default_quotas)
)

__all__ = [
    "AUTHORITIES",
    "AUTHORITY",
    "COLLECTIVE_TITLES",
    "DISCIPLINE_LEVELS",
    "GENERAL_RULE_IDS",
    "INDIVIDUAL_TITLES",
    "KNOWN_RULE_IDS",
    "NO_CRITERIA",
    "ONE_AWARD",
    "RATINGS",
    "REGIMES",
    "RESULT_SCHEMA",
    "RULES",
    "RULE_IDS",
    "RULE_TITLES",
    "SCENARIO_SCHEMA",
    "SCOPES",
    "TITLES",
    "Check",
    "Collective",
    "Discipline",
    "EngineConfig",
    "Innovation",
    "Nomination",
    "NominationResult",
    "Outcome",
    "Person",
    "Quota",
    "QuotaResult",
    "Regime",
    "Result",
    "Rule",
    "Scenario",
    "ScenarioError",
    "Suggestion",
    "authorities_for",
    "authority_status",
    "register_regime",
    "unregister_regime",
    "can_grant",
    "error_to_json",
    "evaluate",
    "general_rules",
    "parse_scenario",
    "regime_for_year",
    "resolve_regime",
    "result_to_json",
    "rules_for",
    "suggest",
    "title_label",
]
