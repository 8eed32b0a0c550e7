"""Excel exports that can grow with the province (issue 13 §1): a table of at
most DANVAN_EXPORT_INLINE_ROWS rows downloads at once, as before; a larger one
is made by an "export_xlsx" job whose progress bar the page shows, with the
file linked (jobs:file) when it is done.

An app declares each such export in its `jobs.py`:

    @exports.export("emulation_summary", "tổng hợp khen thưởng")
    def summary(user, params) -> tuple[str, bytes]:
        unit = get_unit_for_user(user, params["unit"])   # scoped again, at run time
        ...
        return filename, xlsx_bytes                          # made by danvan.core.xlsx

and its view calls `download_or_job(request, name, params, rows=…, back=url,
unit=…)`. Builders are idempotent: a re-run writes the same file again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from danvan.web.downloads import xlsx_response

from . import registry, services
from .models import Job
from .pages import start_and_follow

Builder = Callable[[Any, dict], tuple[str, bytes]]


@dataclass(frozen=True)
class Export:
    name: str
    label: str
    build: Builder


EXPORTS: dict[str, Export] = {}


def export(name: str, label: str) -> Callable[[Builder], Builder]:
    """Register a builder: (user, params) → (file name, xlsx bytes)."""

    def register(build: Builder) -> Builder:
        EXPORTS[name] = Export(name, label, build)
        return build

    return register


def _get(name: str) -> Export:
    return registry.lookup(EXPORTS, name, "Không có bảng Excel này.")


@registry.kind("export_xlsx", "Xuất Excel bảng lớn", max_attempts=2)
def export_xlsx(ctx: services.JobContext) -> dict:
    """Idempotent: the file is written again under the same name."""
    spec = _get(ctx.params["export"])
    ctx.progress(0, 1)
    filename, data = spec.build(ctx.user, ctx.params["params"])
    url = ctx.save_file(filename, data)
    ctx.progress(1, 1)
    return {"url": url, "label": f"Tải tệp Excel {spec.label}", "file": filename}


def start(user, name: str, params: dict, *, unit=None, title: str = "") -> Job:
    """Queue one export; a second click while it runs gives the same job back."""
    spec = _get(name)
    key = ":".join([name, *(f"{k}={params[k]}" for k in sorted(params)), str(user.pk)])
    return services.start(
        "export_xlsx",
        user=user,
        unit=unit,
        params={"export": name, "params": params},
        title=(title or f"Xuất Excel {spec.label}")[:300],
        key=key[:200],
    )


def download_or_job(
    request, name: str, params: dict, *, rows: int, back: str, unit=None, title: str = ""
):
    """The file at once for a small table; for a large one, a job and the way
    back to `back` (a page that shows the job's progress bar)."""
    if rows <= settings.DANVAN_EXPORT_INLINE_ROWS:
        filename, data = _get(name).build(request.user, params)
        return xlsx_response(data, filename)
    return start_and_follow(
        request, lambda: start(request.user, name, params, unit=unit, title=title), back
    )
