"""Job kinds: each app registers the work it lets run in the background.

    from danvan.jobs import registry

    @registry.kind("render_report", "Xuất báo cáo DOCX/PDF")
    def render_report(ctx):
        ...
        return {"url": ..., "label": "Tải báo cáo"}

A kind's function receives a JobContext (danvan.jobs.services) and returns a
JSON-able dict (the result; "url" and "label" make the link shown when done).
It must be idempotent: a re-run after a crash never makes a second document or
a second number (look the thing up by a natural key before creating it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from danvan.core.errors import DomainError


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str
    run: Callable[[Any], dict | None]
    max_attempts: int = 3
    # Whether a finished job with the same key is handed back instead of a new one.
    reuse_succeeded: bool = False


KINDS: dict[str, JobKind] = {}


def kind(
    name: str, label: str, *, max_attempts: int = 3, reuse_succeeded: bool = False
) -> Callable[[Callable[[Any], dict | None]], Callable[[Any], dict | None]]:
    def register(func: Callable[[Any], dict | None]) -> Callable[[Any], dict | None]:
        KINDS[name] = JobKind(name, label, func, max_attempts, reuse_succeeded)
        return func

    return register


T = TypeVar("T")


def lookup(table: Mapping[str, T], name: str, missing: str) -> T:
    """The entry registered under `name`, or a DomainError saying `missing`
    (a name from an old job or a hand-made link that nothing registers)."""
    try:
        return table[name]
    except KeyError:
        raise DomainError(missing) from None


def get(name: str) -> JobKind:
    return lookup(KINDS, name, f"Không có loại công việc “{name}”.")


def label(name: str) -> str:
    found = KINDS.get(name)
    return found.label if found else name
