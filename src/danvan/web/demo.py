"""The whole demo: the org tree and users, then each app's own demo data."""

from __future__ import annotations

import io

from django.db import transaction

from danvan.accounts import demo
from danvan.app_parts import app_module

# Apps contribute demo data in dependency order through danvan.<app>.demo.extend(ctx, stdout).
EXTENSIONS = ("documents", "planning", "reporting", "emulation", "drafting", "jobs", "citizens")


def load_all(stdout=None):
    out = stdout if stdout is not None else io.StringIO()
    with transaction.atomic():
        ctx = demo.load()
    for app in EXTENSIONS:
        module = app_module(app, "demo")
        if module is None:
            continue
        with transaction.atomic():
            module.extend(ctx, stdout=out)
    return ctx
