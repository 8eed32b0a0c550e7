"""The parts an app contributes through a module of an agreed name
(``danvan.<app>.api``, ``danvan.<app>.demo``): an app without one is passed over."""

from __future__ import annotations

import importlib
from types import ModuleType


def app_module(app: str, name: str) -> ModuleType | None:
    """``danvan.<app>.<name>``, or None when the app has no such module; an
    import error inside the module itself is not hidden."""
    qualified = f"danvan.{app}.{name}"
    try:
        return importlib.import_module(qualified)
    except ModuleNotFoundError as exc:
        if exc.name != qualified:
            raise
        return None
