"""The whole rulebook: the titles up to ministry, province level
(criteria.py) and the forms the Thủ tướng decides (national.py), indexed by
(regime, title, subject kind)."""

from __future__ import annotations

from danvan.core.rules.criteria import CORE_RULES, Rule
from danvan.core.rules.national import NATIONAL_RULES

RULES: tuple[Rule, ...] = CORE_RULES + NATIONAL_RULES

_INDEX: dict[tuple[str, str, str], tuple[Rule, ...]] = {}
for _rule in RULES:
    key = (_rule.regime, _rule.title, _rule.kind)
    _INDEX[key] = (*_INDEX.get(key, ()), _rule)

RULE_IDS: frozenset[str] = frozenset(r.id for r in RULES)
# Which titles each rule id applies to (in either regime).
RULE_TITLES: dict[str, frozenset[str]] = {
    rule_id: frozenset(r.title for r in RULES if r.id == rule_id) for rule_id in sorted(RULE_IDS)
}


def rules_for(regime: str, title: str, kind: str) -> tuple[Rule, ...]:
    return _INDEX.get((regime, title, kind), ())
