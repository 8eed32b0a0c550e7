"""Checks: arithmetic and consistency problems a person should review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from danvan.core.extract.citations import Citation
    from danvan.core.extract.document import DocumentInfo
    from danvan.core.extract.figures import Figure
    from danvan.core.extract.periods import Period
    from danvan.core.extract.textmap import FlatText


@dataclass
class Check:
    kind: str
    message: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "message": self.message, "start": self.start, "end": self.end}


def run_checks(
    text: str,
    flat: FlatText,
    info: DocumentInfo,
    period: Period | None,
    citations: list[Citation],
    figures: list[Figure],
) -> list[Check]:
    return []
