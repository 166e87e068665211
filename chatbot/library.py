"""The knowledge base as users change it: which files make the corpus, adding and removing them.

The CLI (`policyqa index add/remove/update`) and the UI's knowledge-base tab both call these, so
they cannot disagree about where uploads live or what a failed file leaves behind.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from index import BuildReport, add_documents, remove_documents
from index.store import Manifest, current_version, read_manifest
from ingest import IngestError, bundled_corpus, find_documents, import_file, safe_name

from .settings import Settings


def library_files(settings: Settings) -> list[Path]:
    """Every supported file in the data home's library (none before the first upload)."""
    return find_documents([settings.library]) if settings.library.is_dir() else []


def default_sources(settings: Settings) -> list[Path]:
    """The bundled corpus plus every file added to the data home's library."""
    return [*bundled_corpus(), *library_files(settings)]


def stale_sources(manifest: Manifest, settings: Settings) -> list[Path]:
    """The files of documents an older parser cut, to parse again after an upgrade: found by name among the corpus
    and library first (an upgrade moves the bundled corpus), else where they were indexed from."""
    known = {p.name: p for p in default_sources(settings)}
    stale = [d for d in manifest.docs.values() if d.stale]
    found = [known.get(d.name) or Path(d.path) for d in stale]
    return [p for p in found if p.is_file()]


def add_files(paths: list[Path], settings: Settings, names: list[str] | None = None, **kwargs) -> BuildReport:
    """Copy files into the library, then index them.

    A file that fails is reported under the name the user gave it, and its copy removed; if it was a new version of a
    library file, the previous file comes back, since its passages stay indexed.
    """
    copies, shown, previous, errors = [], [], {}, []  # shown: the name the user gave each copy
    for path, name in zip(paths, names or [p.name for p in paths]):
        existing = settings.library / safe_name(name)
        if existing.is_file():
            previous[existing.name] = shutil.copy2(existing, existing.with_name(f".{existing.name}.previous"))
        try:
            copies.append(import_file(path, settings.library, int(settings.max_file_mb * 2**20), name))
            shown.append(name)
        except IngestError as exc:
            errors.append(exc)
    report = BuildReport()
    try:
        if copies:
            report = add_documents(
                copies,
                settings.index_home,
                settings.embedder,
                versions_kept=settings.versions_kept,
                vectors=settings.vectors,
                **kwargs,
            )
    finally:  # also when indexing fails as a whole: no unindexed copy stays in the library
        indexed = {*report.added, *report.changed, *report.unchanged}
        for copy in copies:
            if copy.name not in indexed:
                copy.unlink(missing_ok=True)
        for name, backup in previous.items():
            if name in indexed:
                Path(backup).unlink(missing_ok=True)
            else:
                os.replace(backup, settings.library / name)
    given = {str(copy): name for copy, name in zip(copies, shown)}
    report.errors = [*errors, *(IngestError(given.get(e.path, e.path), e.reason) for e in report.errors)]
    return report


def remove_files(names: list[str], settings: Settings, **kwargs) -> BuildReport:
    """Take documents out of the index, then delete their library copies (bundled files are never touched)."""
    report = remove_documents(
        names,
        settings.index_home,
        settings.embedder,
        versions_kept=settings.versions_kept,
        vectors=settings.vectors,
        **kwargs,
    )
    for name in report.removed:
        (settings.library / name).unlink(missing_ok=True)
    return report


def refresh_sources(settings: Settings) -> tuple[list[Path], list[IngestError]]:
    """The indexed documents' own files and any new library file; a vanished file keeps its passages."""
    docs = read_manifest(current_version(settings.index_home)).docs.values()
    present = [Path(d.path) for d in docs if Path(d.path).is_file()]
    gone = [
        IngestError(d.path, "文件已不存在，已索引的段落继续保留（用 `policyqa index remove` 删除）")
        for d in docs
        if not Path(d.path).is_file()
    ]
    return [*present, *library_files(settings)], gone
