"""Helpers shared by the reporting pages: charts, period picker, scope roots."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from danvan.accounts.access import is_global_admin, role_units
from danvan.core.numbers import format_number
from danvan.core.periods import ROMAN, Period
from danvan.orgunits.models import OrgUnit


def root_units(user, action: str = "view") -> list[OrgUnit]:
    """The tops of the user's subtrees (where dashboards and roll-ups start)."""
    if is_global_admin(user):
        return list(OrgUnit.objects.filter(parent__isnull=True, valid_to__isnull=True))
    roots: list[OrgUnit] = []
    for unit in sorted(role_units(user, action), key=lambda u: len(u.path)):
        if not any(unit.path.startswith(r.path) for r in roots):
            roots.append(unit)
    return roots


# The periods of one year, in calendar order: with a year, the period picker
# (two short lists, not a flat list of every period of every year).
PERIODS_OF_YEAR = (
    [(f"M{m:02d}", f"Tháng {m}") for m in range(1, 13)]
    + [(f"Q{q}", f"Quý {ROMAN[q]}") for q in range(1, 5)]
    + [("H1", "6 tháng đầu năm"), ("9M", "9 tháng"), ("H2", "6 tháng cuối năm"), ("Y", "Cả năm")]
)


def period_picker(period: Period, years) -> dict[str, Any]:
    """Context of reporting/_period_picker.html for the chosen period."""
    code = period.code.split("-", 1)[1] if "-" in period.code else "Y"
    year_list = sorted({*years, period.year}, reverse=True)
    return {"years": year_list, "year": period.year, "kinds": PERIODS_OF_YEAR, "kind": code}


def _f(v: Decimal | None) -> float | None:
    return None if v is None else float(v)


FONT = {"family": "Liberation Sans, DejaVu Sans, Arial"}


def wrap_label(text: str, width: int = 22) -> str:
    """A category label broken on words into lines of about `width` characters
    (plotly's <br>), so long names are wrapped instead of cut."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _label(v: float | None, percent: bool) -> str:
    if v is None:
        return ""
    if percent:
        return format_number(v, 1 if abs(v) < 100 else 0) + "%"
    return format_number(v, 0 if float(v).is_integer() else 1)


def _value_range(nums: list[float], reference: float | None) -> list[float]:
    """An axis that fits the data (negatives included), the reference line and
    room for the labels written outside the bars."""
    low = min([0.0, *nums] + ([reference] if reference is not None else []))
    high = max([0.0, *nums] + ([reference] if reference is not None else []))
    pad = (high - low) * 0.15 or 1.0
    return [low - pad if low < 0 else low, high + pad]


def bar_chart(
    labels: list[str],
    series: list[tuple[str, list[Decimal | None]]],
    *,
    title: str = "",
    y_title: str = "",
    percent: bool = False,
    horizontal: bool = False,
    reference: float | None = None,
    links: list[str] | None = None,
) -> dict[str, Any]:
    """A plotly figure as plain data (drawn by danvan/charts.js).

    Numbers are written the Vietnamese way (1.250; 94,3%), every bar carries
    its value (zero too), the value axis fits the data and the dotted
    `reference` line (100% of plan; none for a change), category labels are
    wrapped, and `links` (one per category) open the drill-down on a click."""
    data = []
    all_nums: list[float] = []
    for name, values in series:
        nums = [_f(v) for v in values]
        all_nums += [v for v in nums if v is not None]
        trace: dict[str, Any] = {
            "type": "bar",
            "name": name,
            "text": [_label(v, percent) for v in nums],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{text}<extra>" + wrap_label(name, 40) + "</extra>",
        }
        if links:
            trace["customdata"] = links
        cats = [wrap_label(label) for label in labels]
        if horizontal:
            trace.update({"x": nums, "y": cats, "orientation": "h"})
        else:
            trace.update({"x": cats, "y": nums})
        data.append(trace)
    value_axis: dict[str, Any] = {
        "range": _value_range(all_nums, reference),
        "zeroline": True,
        "zerolinecolor": "#5b6475",
        "automargin": True,
    }
    if percent:
        value_axis["ticksuffix"] = "%"
    if y_title:
        value_axis["title"] = {"text": y_title}
    category_axis = {"automargin": True, "type": "category"}
    lines = max((label.count("<br>") + 1 for label in map(wrap_label, labels)), default=1)
    layout: dict[str, Any] = {
        "title": {"text": title},
        "barmode": "group",
        "margin": {"l": 10, "r": 20, "t": 10, "b": 10},
        "height": (
            max(260, (22 * lines + 12) * len(labels) * max(1, len(series)) // 2 + 90)
            if horizontal
            else 360
        ),
        "separators": ",.",
        "legend": {"orientation": "h", "y": -0.15},
        "font": FONT,
        "autosize": True,
        "xaxis": value_axis if horizontal else category_axis,
        "yaxis": category_axis | {"autorange": "reversed"} if horizontal else value_axis,
    }
    if reference is not None:
        line: dict[str, Any] = {"type": "line", "line": {"dash": "dot", "color": "#9b1c1c"}}
        if horizontal:
            line |= {"yref": "paper", "y0": 0, "y1": 1, "x0": reference, "x1": reference}
        else:
            line |= {"xref": "paper", "x0": 0, "x1": 1, "y0": reference, "y1": reference}
        layout["shapes"] = [line]
    return {"data": data, "layout": layout}


def line_chart(
    labels: list[str], name: str, values: list[Decimal | None], *, title: str = ""
) -> dict:
    """A trend over periods; the periods are categories, so a year reads
    "Năm 2024", never 2.024 or 2.023,5."""
    nums = [_f(v) for v in values]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers+text",
                "name": name,
                "x": [wrap_label(label, 14) for label in labels],
                "y": nums,
                "text": [_label(v, False) for v in nums],
                "textposition": "top center",
                "cliponaxis": False,
                "hovertemplate": "%{text}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": title},
            "height": 300,
            "separators": ",.",
            "margin": {"l": 10, "r": 20, "t": 30, "b": 10},
            "font": FONT,
            "autosize": True,
            "showlegend": False,
            "xaxis": {"type": "category", "automargin": True},
            "yaxis": {
                "automargin": True,
                "range": _value_range([v for v in nums if v is not None], None),
            },
        },
    }
