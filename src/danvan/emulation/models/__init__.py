"""Emulation and commendation: records, rounds, nominations, decisions."""

from .records import (
    AwardRecord,
    BaseSalaryRate,
    CollectiveRating,
    DisciplinaryAction,
    Innovation,
    PerformanceRating,
    Revocation,
)
from .rounds import (
    CLOSED_STATUSES,
    AwardDecision,
    AwardRound,
    ClusterLeader,
    DisclosureComment,
    EmulationPledge,
    Nomination,
    NominationStatus,
    QuotaRule,
    RoundKind,
)

__all__ = [
    "CLOSED_STATUSES",
    "AwardDecision",
    "AwardRecord",
    "AwardRound",
    "BaseSalaryRate",
    "ClusterLeader",
    "CollectiveRating",
    "DisciplinaryAction",
    "DisclosureComment",
    "EmulationPledge",
    "Innovation",
    "Nomination",
    "NominationStatus",
    "PerformanceRating",
    "QuotaRule",
    "Revocation",
    "RoundKind",
]
