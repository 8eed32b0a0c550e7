"""Pages declare their address next to the view, the way the API's endpoints do
with ninja's router (``@router.get("/indicators")``):

    pages = Pages()                      # one per app, in <app>/routes.py

    @pages.route("so-tiep/<int:pk>/")    # URL name: the function's name
    @login_required
    def reception_detail(request, pk): ...

and the app's urls.py is ``urlpatterns = pages.urlpatterns`` once its view
modules are imported. The URL name is the view's own name unless given, so the
two cannot drift apart, and a name registered twice is refused at import.

Where two addresses can match the same path ("don-vi/<int:pk>/ky/" and
"don-vi/<int:pk>/<str:action>/"), the one with a fixed word where the other
has a parameter comes first, whatever the order the views are defined in;
otherwise the order of definition is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, path

View = TypeVar("View", bound=Callable)


def precedence(pattern: str) -> tuple[int, ...]:
    """Per path segment, 0 for a fixed word and 1 for a parameter (``<int:pk>``):
    sorting by it puts fixed words before parameters at the first segment where
    two patterns differ."""
    return tuple(1 if "<" in segment else 0 for segment in pattern.split("/"))


class Pages:
    def __init__(self) -> None:
        self._routes: list[tuple[str, Callable, str, dict[str, Any]]] = []

    def route(
        self, pattern: str, name: str | None = None, kwargs: dict[str, Any] | None = None
    ) -> Callable[[View], View]:
        """Register the decorated view (put it above the other decorators); ``kwargs``
        are passed to the view with this address (e.g. the file format)."""

        def register(view: View) -> View:
            self.add(pattern, view, name or view.__name__, kwargs)
            return view

        return register

    def add(
        self, pattern: str, view: Callable, name: str, kwargs: dict[str, Any] | None = None
    ) -> None:
        """Register a view that is not a decorated function (a class-based view's as_view())."""
        if any(known == name for _, _, known, _ in self._routes):
            raise ImproperlyConfigured(f"page name {name!r} is registered twice")
        self._routes.append((pattern, view, name, kwargs or {}))

    @property
    def urlpatterns(self) -> list[URLPattern]:
        ordered = sorted(self._routes, key=lambda route: precedence(route[0]))
        return [path(pattern, view, kwargs, name=name) for pattern, view, name, kwargs in ordered]
