"""Writes and scoped reads of the emulation app, one module per stage.

Each write runs in a transaction, checks rights through the access helpers,
writes the audit log and raises DomainError (Vietnamese) or PermissionDenied.
The engine (danvan.core.rules) decides eligibility and quotas; these
functions only build its scenario from the records and keep its answers.
Callers keep using ``from danvan.emulation import services`` and ``services.x``;
scoped reads live in ``danvan.emulation.access`` (``rounds_for``, ``get_round``…);
the older ``*_for_user`` names are kept here as aliases for existing callers.
"""

from __future__ import annotations

from danvan.emulation.access import (
    decisions_for as decisions_for_user,
)
from danvan.emulation.access import (
    get_decision as get_decision_for_user,
)
from danvan.emulation.access import (
    get_nomination as get_nomination_for_user,
)
from danvan.emulation.access import (
    get_round as get_round_for_user,
)
from danvan.emulation.access import (
    get_staff as get_staff_for_user,
)
from danvan.emulation.access import (
    nominations_for as nominations_for_user,
)
from danvan.emulation.access import (
    person_records,
)
from danvan.emulation.access import (
    quotas_for as quotas_for_user,
)
from danvan.emulation.access import (
    rounds_for as rounds_for_user,
)
from danvan.emulation.access import (
    staff_for as staff_for_user,
)
from danvan.emulation.services.common import (
    S,
    today,
    unit_step_allowed,
)
from danvan.emulation.services.council import (
    RECALLABLE,
    add_comment,
    appraise_nomination,
    approval_percent,
    disclosure_open,
    open_disclosure,
    recall_nomination,
    recheck,
    record_council_vote,
    submission_problems,
    submit_round,
)
from danvan.emulation.services.decisions import (
    authority_problems,
    authority_table,
    check_decision,
    decision_symbol,
    issue_decision,
    next_decision_number,
    round_stage,
)
from danvan.emulation.services.money import (
    add_base_salary,
    base_salary_table,
    can_manage_base_salary,
    decision_money,
    money_xlsx,
    round_money,
    year_money,
)
from danvan.emulation.services.movement import theme_facts
from danvan.emulation.services.nominations import (
    Evaluation,
    SuggestionRow,
    add_pledge,
    delete_nomination,
    delete_pledge,
    evaluate_round,
    nominate,
    nominate_many,
    round_suggestions,
    search_subjects,
    subject_from_key,
    subject_label,
)
from danvan.emulation.services.records import (
    add_award_record,
    add_discipline,
    add_innovation,
    delete_award_record,
    delete_person_record,
    save_person_record,
    set_collective_rating,
    set_rating,
)
from danvan.emulation.services.revocations import revocable_records, revoke_record
from danvan.emulation.services.rounds import (
    create_round,
    delete_quota,
    set_quota,
)
from danvan.emulation.services.summaries import (
    commendation_summary,
    round_staff_choices,
)
from danvan.emulation.services.thresholds import (
    cluster_cap,
    delete_cluster_leader,
    record_cluster_leader,
    state_level_problems,
)

__all__ = [
    "cluster_cap",
    "delete_cluster_leader",
    "record_cluster_leader",
    "state_level_problems",
    "authority_problems",
    "authority_table",
    "add_base_salary",
    "base_salary_table",
    "can_manage_base_salary",
    "decision_money",
    "money_xlsx",
    "revocable_records",
    "revoke_record",
    "round_money",
    "theme_facts",
    "year_money",
    "Evaluation",
    "RECALLABLE",
    "S",
    "SuggestionRow",
    "add_award_record",
    "add_comment",
    "add_discipline",
    "add_innovation",
    "add_pledge",
    "appraise_nomination",
    "approval_percent",
    "commendation_summary",
    "create_round",
    "decision_symbol",
    "decisions_for_user",
    "delete_award_record",
    "delete_nomination",
    "delete_person_record",
    "save_person_record",
    "delete_pledge",
    "delete_quota",
    "disclosure_open",
    "evaluate_round",
    "get_decision_for_user",
    "get_nomination_for_user",
    "get_round_for_user",
    "get_staff_for_user",
    "check_decision",
    "issue_decision",
    "next_decision_number",
    "nominate",
    "nominate_many",
    "nominations_for_user",
    "open_disclosure",
    "person_records",
    "quotas_for_user",
    "recall_nomination",
    "recheck",
    "record_council_vote",
    "round_staff_choices",
    "round_stage",
    "round_suggestions",
    "rounds_for_user",
    "set_collective_rating",
    "set_quota",
    "set_rating",
    "staff_for_user",
    "search_subjects",
    "subject_from_key",
    "subject_label",
    "submission_problems",
    "submit_round",
    "today",
    "unit_step_allowed",
]
