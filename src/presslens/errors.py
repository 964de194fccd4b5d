"""Everything presslens refuses, as a small tree of exceptions.

The CLI maps every `PresslensError` to exit code 1 and one line on stderr; the
web app maps them to HTTP statuses in one handler. Each leaf says in one line
what was wrong and carries the fields that identify the problem.
"""

from __future__ import annotations


class PresslensError(Exception):
    """Base of every error presslens reports to a user."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class UnusableInput(PresslensError):
    """The input cannot be turned into article text (empty, binary, broken encoding, no article)."""


class InputTooLarge(UnusableInput):
    """The input is larger than `Settings.max_input_bytes`."""

    def __init__(self, size: int, limit: int, *, source: str | None = None) -> None:
        super().__init__(
            f"input is {size:,} bytes, over the limit of {limit:,} bytes "
            "(raise it with --max-bytes)",
            source=source,
        )
        self.size = size
        self.limit = limit


class TextTooLong(UnusableInput):
    """The article's text is longer than `Settings.max_text_chars`, what one analysis holds."""

    def __init__(self, length: int, limit: int, *, source: str | None = None) -> None:
        super().__init__(
            f"the text is {length:,} characters, over the {limit:,} presslens analyses at once "
            "(split the article)",
            source=source,
        )
        self.length = length
        self.limit = limit


class BadRecord(UnusableInput):
    """One record of a JSON or JSON Lines batch is unusable; the others still go through."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        record: int | None = None,
    ) -> None:
        #: Where in its container: "line 3" (JSON Lines, a feed) or "record 2" (a JSON list).
        self.position = (
            f"line {line}"
            if line is not None
            else (f"record {record}" if record is not None else None)
        )
        super().__init__(f"{self.position}: {message}" if self.position else message, source=source)
        self.line = line
        self.record = record


class LoneSurrogate(BadRecord):
    """The text holds a lone UTF-16 surrogate (a JSON `"\\ud800"` escape): not Unicode text."""


class TooDeeplyNested(BadRecord):
    """The JSON nests deeper than Python's parser goes (a list of a list of ... lists)."""


class NumberTooLong(BadRecord):
    """The JSON holds an integer with more digits than Python converts (over 4,300)."""


class WrongType(BadRecord):
    """A record's field has the wrong JSON type ("title" must be a string)."""


class BadSetting(PresslensError):
    """A setting or option value is invalid (a date that does not parse, an unknown pipeline)."""


class ModelMissing(PresslensError):
    """A model file or spaCy pipeline the analysis needs is not installed."""


class StoreError(PresslensError):
    """The corpus store cannot be opened or written."""


class NotFound(StoreError):
    """No stored article with this id."""


class Busy(PresslensError):
    """The server is analysing as much as it takes at once; the request may be sent again."""


class DataDirError(PresslensError):
    """An evaluation or benchmark data directory is missing files it needs."""
