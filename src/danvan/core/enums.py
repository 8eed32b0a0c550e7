"""String enums whose members carry their Vietnamese label."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A string enum whose members carry a label: ``MEMBER = "value", "Nhãn"``.

    A member is its value (a ``str``), ``Kind("value")`` finds it as usual, and
    ``member.label`` is the text shown to users."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[Self, str]:
        """Each member's label, in the order the members are declared."""
        return {member: member.label for member in cls}
