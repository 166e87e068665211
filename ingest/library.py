"""The data home's document library: uploaded or added files, stored under names that cannot escape it."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import IngestError
from .loaders import SUPPORTED

# Characters no file name should carry: path separators, Windows-reserved ones, controls.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_MAX_NAME = 120


def safe_name(name: str) -> str:
    """`../../x.txt` → `x.txt`, `C:\\a\\b.txt` → `b.txt`, `.bashrc.txt` → `bashrc.txt`; spaces and Chinese stay."""
    base = PureWindowsPath(PurePosixPath(unicodedata.normalize("NFC", name)).name).name
    base = _UNSAFE.sub("_", base).strip().lstrip(".").strip()
    stem, suffix = os.path.splitext(base)
    if not stem.strip("_ "):
        stem = "document"
    return stem[: _MAX_NAME - len(suffix)] + suffix.lower()


def import_file(source: Path, library: Path, max_bytes: int, name: str | None = None) -> Path:
    """Copy a file into the library under its safe name (replacing an older copy); check type and size first.

    `name` is the name the user gave (an upload's original name); the copy is atomic, so a
    half-copied file never sits in the library.
    """
    target_name = safe_name(name or source.name)
    shown = name or source.name
    suffix = Path(target_name).suffix
    if suffix not in SUPPORTED:
        raise IngestError(shown, f"不支持的文件类型（{suffix or '无扩展名'}），只支持 {' '.join(SUPPORTED)}")
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise IngestError(shown, f"无法读取文件（{exc.strerror or exc}）") from exc
    if size > max_bytes:
        raise IngestError(shown, f"文件大小 {size / 2**20:.1f} MB，超过了 {max_bytes / 2**20:.0f} MB 的上限")
    library.mkdir(parents=True, exist_ok=True)
    target = library / target_name
    partial = library / f".{target_name}.part"
    shutil.copyfile(source, partial)
    os.replace(partial, target)
    return target
