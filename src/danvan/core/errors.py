"""The one exception type services raise for users to read."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken. `message` is Vietnamese, for the user.

    `field` names the form field or input key at fault, when there is one.
    """

    def __init__(self, message: str, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
