"""Reporting services: requests, reports, values, roll-ups, Excel, render data."""

from .render import report_render_data
from .reports import (
    Lock,
    accept_report,
    form_indicators,
    late_message,
    lock_info,
    recall_report,
    report_rows,
    return_report,
    save_report,
    submit_report,
    take_value_from_document,
    task_lines,
    unlock_report,
)
from .requests import (
    close_request,
    create_request,
    due_soon,
    ensure_default_rules,
    send_reminders,
    units_in_scope,
)
from .rollups import (
    DEFINITIONS,
    compare_units,
    completeness,
    rollup,
    rollup_table,
    series,
)
from .values import FormErrors, parse_value, store_value, unit_rows

__all__ = [
    "DEFINITIONS",
    "FormErrors",
    "Lock",
    "accept_report",
    "close_request",
    "compare_units",
    "completeness",
    "create_request",
    "due_soon",
    "ensure_default_rules",
    "form_indicators",
    "late_message",
    "lock_info",
    "parse_value",
    "recall_report",
    "report_render_data",
    "report_rows",
    "return_report",
    "rollup",
    "rollup_table",
    "save_report",
    "send_reminders",
    "series",
    "store_value",
    "submit_report",
    "take_value_from_document",
    "task_lines",
    "unit_rows",
    "units_in_scope",
    "unlock_report",
]
