"""One exception tree; every error has a code and a plain message.

QuotegraphError
├── ModelNotInstalled   the spaCy model is missing; says which command installs it
├── InputError          an input (file, record) cannot be read or analysed
└── FilterError         a quote search filter has a field of the wrong type or out of range
"""

from __future__ import annotations


class QuotegraphError(Exception):
    """Base of every error quotegraph raises on purpose."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ModelNotInstalled(QuotegraphError):
    """The requested spaCy model package is not installed."""

    code = "model-missing"


class InputError(QuotegraphError):
    """An input cannot be read or analysed."""

    code = "bad-input"

    def __init__(self, message: str, *, code: str = "bad-input") -> None:
        super().__init__(message)
        self.code = code


class FilterError(QuotegraphError, ValueError):
    """A quote filter field is of the wrong type or out of range; the message names the field."""

    code = "bad-filter"
