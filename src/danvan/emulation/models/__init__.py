"""Emulation and commendation: records, rounds, nominations, decisions."""

from .records import (
    AwardRecord,
    CollectiveRating,
    DisciplinaryAction,
    Innovation,
    PerformanceRating,
)
from .rounds import (
    CLOSED_STATUSES,
    AwardDecision,
    AwardRound,
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
    "CollectiveRating",
    "DisciplinaryAction",
    "DisclosureComment",
    "EmulationPledge",
    "Innovation",
    "Nomination",
    "NominationStatus",
    "PerformanceRating",
    "QuotaRule",
    "RoundKind",
]
