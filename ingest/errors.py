"""The one exception type of the ingest package."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file that cannot be read or understood; names the file so users can act on it."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
