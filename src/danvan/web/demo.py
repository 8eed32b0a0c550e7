"""The whole demo: the org tree and users, then each app's own demo data."""

from __future__ import annotations

import importlib
import io

from django.db import transaction

from danvan.accounts import demo

# Apps contribute demo data in dependency order through danvan.<app>.demo.extend(ctx, stdout).
EXTENSIONS = ("documents", "planning", "reporting", "emulation", "drafting", "jobs", "citizens")


def load_all(stdout=None):
    out = stdout if stdout is not None else io.StringIO()
    with transaction.atomic():
        ctx = demo.load()
    for app in EXTENSIONS:
        try:
            module = importlib.import_module(f"danvan.{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"danvan.{app}.demo":
                raise
            continue
        with transaction.atomic():
            module.extend(ctx, stdout=out)
    return ctx
