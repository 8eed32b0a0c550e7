"""Time limits for handling citizens' petitions, as data with their legal basis.

The limits are written in data/petition_limits.toml, loaded and checked once
(``load_limits``). Each limit says which step it bounds, from which event it
counts, how many days (and whether working or calendar days), the longer limit
for complex cases and for remote areas, the extensions allowed, the article it
comes from and whether that article's text was read (``verified``) — see
src/danvan/citizens/README.md for where each was read. Limits not verified are
kept so the book can show a deadline, but pages mark them "chưa kiểm chứng".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, get_type_hints

from .workdays import Calendar, add_days

KHIEU_NAI, TO_CAO, KIEN_NGHI, PHAN_ANH = "khieu_nai", "to_cao", "kien_nghi", "phan_anh"


@dataclass(frozen=True)
class TimeLimit:
    code: str
    kind: str  # petition kind, or "*" for every kind
    step: str  # "process" (xử lý đơn), "accept" (thụ lý), "resolve" (giải quyết)
    label: str
    days: int
    day_kind: str  # "working" | "calendar"
    complex_days: int | None = None
    remote_days: int | None = None
    remote_complex_days: int | None = None
    extension_days: int = 0  # each extension
    max_extensions: int = 0  # for a complex case
    max_extensions_very_complex: int = 0
    basis: str = ""
    verified: bool = False
    source: str = ""

    def days_for(self, *, complex_case: bool = False, remote: bool = False) -> int:
        if remote and complex_case and self.remote_complex_days:
            return self.remote_complex_days
        if remote and self.remote_days:
            return self.remote_days
        if complex_case and self.complex_days:
            return self.complex_days
        return self.days

    def allowed_extensions(self, *, complex_case: bool, very_complex: bool) -> int:
        if very_complex:
            return self.max_extensions_very_complex
        return self.max_extensions if complex_case else 0


_CHOICES = {
    "kind": {KHIEU_NAI, TO_CAO, "*", "*kien_nghi_phan_anh"},
    "step": {"process", "accept", "resolve"},
    "day_kind": {"working", "calendar"},
}


def _fits(value: object, expected: Any) -> bool:
    if isinstance(value, bool):  # TOML's true is no number of days
        return expected is bool
    return isinstance(value, expected)


def _limit(entry: dict[str, Any]) -> TimeLimit:
    """One ``[[limit]]`` of the data file as a TimeLimit, its keys and values checked."""
    where = f"petition limit {entry.get('code', '?')!r}"
    hints = get_type_hints(TimeLimit)
    if unknown := sorted(set(entry) - set(hints)):
        raise ValueError(f"{where}: unknown keys {unknown}")
    for name, value in entry.items():
        if not _fits(value, hints[name]):
            raise ValueError(f"{where}: {name} = {value!r} is not {hints[name]}")
        if name in _CHOICES and value not in _CHOICES[name]:
            raise ValueError(f"{where}: {name} = {value!r} is not one of {sorted(_CHOICES[name])}")
    try:
        limit = TimeLimit(**entry)
    except TypeError as exc:  # a required key is missing
        raise ValueError(f"{where}: {exc}") from None
    if limit.days <= 0 or not limit.basis:
        raise ValueError(f"{where}: needs a positive number of days and its legal basis")
    return limit


def load_limits(text: str) -> tuple[TimeLimit, ...]:
    """The limits of a TOML text (``[[limit]]`` tables), checked; codes are unique."""
    found = tuple(_limit(entry) for entry in tomllib.loads(text).get("limit", []))
    codes = [lim.code for lim in found]
    if len(set(codes)) != len(codes):
        raise ValueError(f"petition limits: a code stands twice in {codes}")
    return found


LIMITS: tuple[TimeLimit, ...] = load_limits(
    resources.files("danvan.core").joinpath("data", "petition_limits.toml").read_text("utf-8")
)

BY_CODE = {lim.code: lim for lim in LIMITS}


def limit_for(kind: str, step: str) -> TimeLimit | None:
    for lim in LIMITS:
        if lim.step != step:
            continue
        if lim.kind == kind or lim.kind == "*":
            return lim
        if lim.kind == "*kien_nghi_phan_anh" and kind in (KIEN_NGHI, PHAN_ANH):
            return lim
    return None


def due_date(
    limit: TimeLimit,
    start: date,
    *,
    complex_case: bool = False,
    remote: bool = False,
    extensions: int = 0,
    calendar: Calendar | None = None,
) -> date:
    """The last day of the limit counted from ``start`` (the day of receipt or
    of acceptance), with ``extensions`` granted on top."""
    days = limit.days_for(complex_case=complex_case, remote=remote)
    days += max(0, extensions) * limit.extension_days
    return add_days(start, days, limit.day_kind, calendar)
