"""The page of a long list a request asks for (?trang=N), and the rest of its
query string for the links of web/_pager.html."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_PARAM = "trang"


def page_of(request: HttpRequest, items, per_page: int = 50) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAM))


def query_without_page(request: HttpRequest, *also: str) -> str:
    """The query string without the page number (and the other names in ``also``)."""
    rest = request.GET.copy()
    for name in (PAGE_PARAM, *also):
        rest.pop(name, None)
    return rest.urlencode()
