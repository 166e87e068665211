"""Read files, clean them, find their structure and cut them into citable chunks."""

from __future__ import annotations

from pathlib import Path

from .chunks import Chunk, ChunkConfig, content_hash, section_name
from .document import ParsedDoc, load, parse
from .errors import IngestError
from .library import import_file, safe_name
from .loaders import SUPPORTED, RawText, read

CORPUS = Path(__file__).parent / "corpus"
# Raised whenever parsing gives other chunks for the same bytes: an index parses again what an older parser stored.
# 4: not the chunks but their BM25 tokens changed (user terms no longer dilute jieba's dictionary), and parsing
# again is how an index built before gets its keyword index cut anew.
PARSER_VERSION = 4


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
    "PARSER_VERSION",
    "SUPPORTED",
    "Chunk",
    "ChunkConfig",
    "IngestError",
    "ParsedDoc",
    "RawText",
    "bundled_corpus",
    "content_hash",
    "find_documents",
    "import_file",
    "load",
    "parse",
    "read",
    "safe_name",
    "section_name",
]
