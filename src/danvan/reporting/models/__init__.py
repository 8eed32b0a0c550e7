"""Reporting: cut-off rules, requests, unit reports and indicator values."""

from .reports import (
    ReportEvent,
    ReportSection,
    ReportStatus,
    ReportTaskLine,
    UnitReport,
)
from .requests import CutoffRule, OutlineHeading, Reminder, ReportRequest, RequestIndicator
from .values import ImportBatch, IndicatorValue, Provenance, ValueRollup, ValueState

__all__ = [
    "CutoffRule",
    "ImportBatch",
    "IndicatorValue",
    "OutlineHeading",
    "Provenance",
    "Reminder",
    "ReportEvent",
    "ReportRequest",
    "ReportSection",
    "ReportStatus",
    "ReportTaskLine",
    "RequestIndicator",
    "UnitReport",
    "ValueRollup",
    "ValueState",
]
