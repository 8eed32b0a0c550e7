"""Helpers shared by the reporting pages: charts, Excel answers, scope roots."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpResponse

from danvan.accounts.access import is_global_admin, role_units
from danvan.core.numbers import format_number
from danvan.orgunits.models import OrgUnit
from danvan.reporting.services.excel import XLSX


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def root_units(user, action: str = "view") -> list[OrgUnit]:
    """The tops of the user's subtrees (where dashboards and roll-ups start)."""
    if is_global_admin(user):
        return list(OrgUnit.objects.filter(parent__isnull=True, valid_to__isnull=True))
    roots: list[OrgUnit] = []
    for unit in sorted(role_units(user, action), key=lambda u: len(u.path)):
        if not any(unit.path.startswith(r.path) for r in roots):
            roots.append(unit)
    return roots


def _f(v: Decimal | None) -> float | None:
    return None if v is None else float(v)


def bar_chart(
    labels: list[str],
    series: list[tuple[str, list[Decimal | None]]],
    *,
    title: str = "",
    y_title: str = "",
    percent: bool = False,
    horizontal: bool = False,
) -> dict[str, Any]:
    """A plotly figure as plain data (rendered by reporting/_chart.html)."""
    data = []
    for name, values in series:
        nums = [_f(v) for v in values]
        texts = [
            "" if v is None else (format_number(v, 1) + "%" if percent else format_number(v, 0))
            for v in nums
        ]
        trace = {
            "type": "bar",
            "name": name,
            "text": texts,
            "textposition": "auto",
            "hovertemplate": "%{text}<extra>" + name + "</extra>",
        }
        if horizontal:
            trace.update({"x": nums, "y": labels, "orientation": "h"})
        else:
            trace.update({"x": labels, "y": nums})
        data.append(trace)
    layout = {
        "title": {"text": title, "font": {"size": 15}},
        "barmode": "group",
        "margin": {"l": 60 if not horizontal else 260, "r": 20, "t": 40, "b": 80},
        "height": 360 if not horizontal else max(260, 40 * len(labels) + 80),
        "separators": ",.",
        "legend": {"orientation": "h"},
        "yaxis": {"title": {"text": y_title}} if not horizontal else {"automargin": True},
        "font": {"family": "Liberation Sans, DejaVu Sans, Arial"},
        "autosize": True,
    }
    if percent and horizontal:
        nums = [v for _, vals in series for v in map(_f, vals) if v is not None]
        top, low = max([100.0, *nums]), min([0.0, *nums])
        layout["xaxis"] = {"range": [low * 1.1, top * 1.05], "ticksuffix": "%"}
    if percent and not horizontal:
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": 100,
                "y1": 100,
                "line": {"dash": "dot", "color": "#9b1c1c"},
            }
        ]
    return {"data": data, "layout": layout}


def line_chart(
    labels: list[str], name: str, values: list[Decimal | None], *, title: str = ""
) -> dict:
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": labels,
                "y": [_f(v) for v in values],
            }
        ],
        "layout": {
            "title": {"text": title, "font": {"size": 15}},
            "height": 300,
            "separators": ",.",
            "margin": {"l": 60, "r": 20, "t": 40, "b": 60},
            "font": {"family": "Liberation Sans, DejaVu Sans, Arial"},
        },
    }
