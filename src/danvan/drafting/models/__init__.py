"""Drafting: drafts of administrative documents, their generated files, the
numbering register and the house templates."""

from .drafts import (
    DRAFT_TYPES,
    Draft,
    DraftSource,
    DraftStatus,
    GeneratedDocument,
)
from .register import IssuedNumber, NumberRegister
from .templates import HouseTemplate

__all__ = [
    "DRAFT_TYPES",
    "Draft",
    "DraftSource",
    "DraftStatus",
    "GeneratedDocument",
    "HouseTemplate",
    "IssuedNumber",
    "NumberRegister",
]
