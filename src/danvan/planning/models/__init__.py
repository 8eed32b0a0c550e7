"""Planning: movements and initiatives, plans and tasks, the indicator catalogue and targets."""

from .indicators import Aggregation, Indicator, Target
from .movements import (
    Initiative,
    InitiativeEvaluation,
    InitiativeStatus,
    InitiativeTarget,
    Movement,
)
from .plans import Plan, PlanStatus, PlanTask, TaskStatus

__all__ = [
    "Aggregation",
    "Indicator",
    "Initiative",
    "InitiativeEvaluation",
    "InitiativeStatus",
    "InitiativeTarget",
    "Movement",
    "Plan",
    "PlanStatus",
    "PlanTask",
    "Target",
    "TaskStatus",
]
