"""What a draft says, built from what the system holds. Read-only: these
functions return (title, content) and never write; services save them.

Every figure is computed from stored values (core figure_sentence: % of plan,
change on the same period) and carries a trace (value ids, target, previous
value) that the preview turns into links. Legal bases are cited per Nghị định
30/2020 Phụ lục I Mục II.6 b: the first mention in full, later ones by type
and number (core Citer).

One module per source: `report` (a unit's report), `plan`, `combined` (the
superior's combined report over a request), `plain` (documents from plain
data and an initiative's figures); `common` holds what they share.
"""

from .combined import combined_content, combined_figures, count_block, unit_table
from .common import (
    ComputedFigure,
    base_content,
    figure_table,
    lower_first,
    paragraphs,
    split_type_word,
    strip_type_word,
)
from .plain import PlainParts, initiative_figures, plain_content, submission_content
from .plan import plan_content, plan_target_figures
from .report import report_content, report_figures

__all__ = [
    "ComputedFigure",
    "PlainParts",
    "base_content",
    "combined_content",
    "combined_figures",
    "count_block",
    "figure_table",
    "initiative_figures",
    "lower_first",
    "paragraphs",
    "plain_content",
    "plan_content",
    "plan_target_figures",
    "report_content",
    "report_figures",
    "split_type_word",
    "strip_type_word",
    "submission_content",
    "unit_table",
]
