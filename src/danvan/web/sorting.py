"""Server-side sorting and paging of a list page: the column comes from
?sap_xep= (a key among the page's own options, "-" in front for descending);
anything else falls back to the default, so a request can never order by an
arbitrary field. The page number comes from ?trang=. Templates use
web/_sort_header.html for each column and web/_pager.html below the table.
A list computed in Python (rows the rules engine builds, not a queryset) is
sorted the same way, its columns naming the rows' attributes or keys."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PARAM = "sap_xep"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    order: tuple[str, ...]


def sort(request, qs: QuerySet | Sequence, columns: list[Column], default: str) -> tuple[Any, dict]:
    """The queryset (or list of rows) ordered as asked, and the header links for
    the template (web/_sort_header.html): each column's label, next key and aria-sort."""
    by_key = {c.key: c for c in columns}
    asked = request.GET.get(PARAM, default)
    desc = asked.startswith("-")
    key = asked.lstrip("-")
    if key not in by_key:
        desc, key = default.startswith("-"), default.lstrip("-")
    column = by_key[key]
    order = [
        ("-" + f.lstrip("-") if not f.startswith("-") else f.lstrip("-")) if desc else f
        for f in column.order
    ]
    headers = {
        c.key: {
            "label": c.label,
            "next": ("-" + c.key) if c.key == key and not desc else c.key,
            "aria": ("descending" if desc else "ascending") if c.key == key else "none",
            "mark": ("▼" if desc else "▲") if c.key == key else "",
        }
        for c in columns
    }
    sorting = {"param": PARAM, "headers": headers}
    if isinstance(qs, QuerySet):
        return qs.order_by(*order, "pk"), sorting
    return _sorted_rows(qs, order), sorting


def _sorted_rows(rows: Sequence, order: list[str]) -> list:
    """Rows (objects or dicts) sorted by attributes or keys ("-" for
    descending), blanks last, stable."""
    out = list(rows)
    for field in reversed(order):
        name = field.lstrip("-")
        get = itemgetter(name) if out and isinstance(out[0], Mapping) else attrgetter(name)
        present = [r for r in out if get(r) is not None]
        blank = [r for r in out if get(r) is None]
        present.sort(key=lambda r: _key(get(r)), reverse=field.startswith("-"))
        out = present + blank
    return out


def _key(value):
    return value.casefold() if isinstance(value, str) else value


PAGE_SIZE = 50


def sorted_page(
    request, qs: QuerySet | Sequence, columns: list[Column], default: str, per_page: int = PAGE_SIZE
) -> tuple[Page, dict]:
    """One page of the list, sorted as asked: (page, sorting for the headers)."""
    ordered, sorting = sort(request, qs, columns, default)
    return Paginator(ordered, per_page).get_page(request.GET.get("trang")), sorting


def render_sorted(
    request: HttpRequest,
    template: str,
    rows: QuerySet | Sequence,
    columns: list[Column],
    default: str,
    context: dict[str, Any] | Callable[[Page], dict[str, Any]] | None = None,
    per_page: int = PAGE_SIZE,
) -> HttpResponse:
    """A sorted, paged list page: the template gets ``page`` and ``sorting``
    (see sorted_page) besides the page's own context (or, where that context
    speaks of the rows shown, the function of the page that makes it)."""
    page, sorting = sorted_page(request, rows, columns, default, per_page)
    own = context(page) if callable(context) else context or {}
    return render(request, template, {**own, "page": page, "sorting": sorting})


SECTION_PARAM = "ds"


def section(request, key: str, qs: QuerySet, columns: list[Column], default: str, cap: int) -> dict:
    """One list of a front page: its first `cap` rows in the default order, or,
    when the page is asked for this list alone (?ds=key), every row, sorted as
    asked and paged. Templates: web/_section_header.html for the headers (a
    header opens the whole list sorted by it) and web/_section_more.html below."""
    if request.GET.get(SECTION_PARAM) == key:
        page, sorting = sorted_page(request, qs, columns, default)
        return {
            "key": key,
            "rows": page,
            "page": page,
            "sorting": sorting,
            "full": True,
            "count": page.paginator.count,
        }
    ordered, sorting = sort(_NoQuery(), qs, columns, default)
    return {
        "key": key,
        "rows": list(ordered[:cap]),
        "sorting": sorting,
        "full": False,
        "count": ordered.count(),
    }


class _NoQuery:
    """A request with no ?sap_xep= (the capped list keeps its default order)."""

    GET: dict[str, str] = {}
