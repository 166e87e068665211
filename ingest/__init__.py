"""Read files, clean them, find their structure and cut them into citable chunks."""

from __future__ import annotations

from pathlib import Path

from .chunks import Chunk, ChunkConfig
from .document import ParsedDoc, load, parse
from .errors import IngestError
from .loaders import SUPPORTED, RawText, read

CORPUS = Path(__file__).parent / "corpus"


def bundled_corpus() -> list[Path]:
    """The five seed documents shipped inside the package."""
    return sorted(CORPUS.glob("*.txt"))


def find_documents(paths: list[Path]) -> list[Path]:
    """Files given directly, plus the supported files inside given directories."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED))
        else:
            found.append(path)
    return found


__all__ = [
    "CORPUS",
    "SUPPORTED",
    "Chunk",
    "ChunkConfig",
    "IngestError",
    "ParsedDoc",
    "RawText",
    "bundled_corpus",
    "find_documents",
    "load",
    "parse",
    "read",
]
