"""Read any supported file into text: encodings detected, HTML chrome dropped, docx/pdf headings kept."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import IngestError

SUPPORTED: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")

# (byte order mark, codec, name reported to users); UTF-32 marks first, they start like UTF-16's.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32"),
    (b"\xff\xfe", "utf-16", "utf-16"),
    (b"\xfe\xff", "utf-16", "utf-16"),
)
# (magic bytes, what the file really is, what the user can do about it)
_BINARY_MAGIC = (
    (b"%PDF", "PDF 文件", "请把扩展名改为 .pdf"),
    (b"PK\x03\x04", "压缩包（如 .docx、.xlsx）", "请改用它真正的扩展名，如 .docx"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office 文件（.doc/.xls）", "请另存为 .docx 或 UTF-8 文本"),
    (b"\x89PNG", "PNG 图片", "图片无法索引"),
    (b"\xff\xd8\xff", "JPEG 图片", "图片无法索引"),
    (b"GIF8", "GIF 图片", "图片无法索引"),
    (b"\x7fELF", "程序文件", "只能索引文档"),
    (b"MZ", "Windows 程序", "只能索引文档"),
)
# Characters no document is made of: controls other than whitespace, private use, U+FFFD from bad bytes.
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ue000-\uf8ff\ufffd]")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template", "button")
_CHROME = re.compile(r"nav|menu|breadcrumb|crumb|footer|header|sidebar|share|toolbar|copyright", re.I)
_MAIN = re.compile(r"TRS_Editor|article|content|main|detail|zoom", re.I)
_BLOCKS = ["p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"]
_DOCX_HEADING = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.I)


@dataclass(frozen=True)
class RawText:
    """A file's text before cleaning, with what the format told us about its headings."""

    path: str
    text: str
    encoding: str
    replaced: int
    headings: tuple[tuple[int, str], ...] = ()


def _binary_kind(data: bytes) -> tuple[str, str] | None:
    for magic, what, hint in _BINARY_MAGIC:
        if data.startswith(magic):
            return what, hint
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 saved without a byte order mark: the NUL high bytes of ASCII and newlines sit on one side.

    `\n` is `0a 00` in UTF-16-LE; a few CJK characters (`一` U+4E00, `怀` U+6000) put NULs on the
    other side, so one side must clearly dominate. Binary data has NULs on both.
    """
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 3 * even:
        return "utf-16-le"
    if even > 3 * odd:
        return "utf-16-be"
    return None


def _guess(data: bytes, path: str | Path) -> tuple[str, str, int]:
    """Decode bytes without a byte order mark: UTF-8, else GB18030 (or what charset-normalizer finds), or UTF-16."""
    sample = data[:4096]
    if b"\x00" in sample:
        codec = _utf16_without_bom(sample)
        if codec is None:
            raise IngestError(path, "不是文本文件：含有 NUL 字节，像是二进制文件")
        text = data.decode(codec, errors="replace")
        return text, "utf-16", text.count("\ufffd")
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(2, len(data) // 200):  # a few broken bytes in otherwise valid UTF-8
        return text, "utf-8", bad
    best = from_bytes(data).best()
    encoding = best.encoding.lower() if best else "gb18030"
    if encoding in ("gbk", "gb2312", "cp936", "hz"):
        encoding = "gb18030"  # GB18030 is GBK's superset
    text = data.decode(encoding, errors="replace")
    return text, encoding, text.count("\ufffd")


def decode(data: bytes, path: str | Path) -> tuple[str, str, int]:
    """Bytes → (text, encoding, replaced count); a few bad bytes are replaced and counted, never fatal.

    Text that comes out mostly unreadable (controls, private-use or replaced characters) was not
    text: random bytes decode "successfully" as GB18030 garbage, and would be indexed as such.
    """
    kind = _binary_kind(data)
    if kind:
        raise IngestError(path, f"不是文本文件：这是{kind[0]}，{kind[1]}")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            encoding, replaced = name, text.count("\ufffd")
            break
    else:
        text, encoding, replaced = _guess(data, path)
    unreadable = len(_UNREADABLE.findall(text))
    if unreadable > max(2, len(text) // 50):  # 2%: UTF-8 with its allowed 0.5% bad bytes stays below
        raise IngestError(
            path,
            f"看起来是二进制文件或未知编码：{unreadable / len(text):.0%} 的内容无法解码为文字，"
            "请另存为 UTF-8 文本",
        )
    return text, encoding, replaced


def _plain(path: Path, data: bytes) -> RawText:
    text, encoding, replaced = decode(data, path)
    headings: list[tuple[int, str]] = []
    if path.suffix.lower() == ".md":
        lines = []
        for line in text.splitlines():
            m = _MD_HEADING.match(line)
            if m:
                headings.append((len(m.group(1)), m.group(2)))
                line = m.group(2)
            lines.append(line)
        text = "\n".join(lines)
    return RawText(str(path), text, encoding, replaced, tuple(headings))


def _html(path: Path, data: bytes) -> RawText:
    from bs4 import BeautifulSoup

    text, encoding, replaced = decode(data, path)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(list(_DROP_TAGS)):
        tag.decompose()
    for tag in soup.find_all(attrs={"class": _CHROME}) + soup.find_all(attrs={"id": _CHROME}):
        if not tag.decomposed and not _MAIN.search(" ".join(tag.get("class") or []) + (tag.get("id") or "")):
            tag.decompose()
    root = soup.find("article") or soup.find("main")
    if root is None:
        root = soup.find(attrs={"class": _MAIN}) or soup.find(attrs={"id": _MAIN}) or soup.body or soup
    for br in root.find_all("br"):
        br.replace_with("\n")
    for block in root.find_all(_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    headings = tuple(
        (int(h.name[1]), h.get_text(" ", strip=True)) for h in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    )
    lines = [line.strip() for line in root.get_text().splitlines()]
    return RawText(str(path), "\n".join(line for line in lines if line), f"html/{encoding}", replaced, headings)


def _docx_problem(path: Path) -> str:
    """Why a file named .docx is no Word package: an old .doc renamed, or a zip of something else."""
    if not zipfile.is_zipfile(path):
        return "不是有效的 Word（.docx）文件：它不是 zip 包（可能是旧版 .doc），请在 Word 中另存为 .docx"
    with zipfile.ZipFile(path) as package:
        if "[Content_Types].xml" not in package.namelist():
            return "不是有效的 Word（.docx）文件：这个 zip 包里没有 Word 文档，请打开原文件另存为 .docx"
    return ""


def _docx(path: Path) -> RawText:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    problem = _docx_problem(path)
    if problem:
        raise IngestError(path, problem)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise IngestError(path, f"不是有效的 Word（.docx）文件：文件已损坏（{exc}）") from exc
    lines: list[str] = []
    headings: list[tuple[int, str]] = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            para = Paragraph(block, document)
            text = para.text.strip()
            style = para.style.name if para.style is not None else ""
            level = 1 if style == "Title" else int(m.group(1)) if (m := _DOCX_HEADING.match(style)) else 0
            if text and level:
                headings.append((level, text))
            lines.append(text)
        elif block.tag.endswith("}tbl"):
            for row in Table(block, document).rows:
                lines.extend(cell.text.strip() for cell in row.cells)
    return RawText(str(path), "\n".join(lines), "docx", 0, tuple(headings))


def _pdf(path: Path) -> RawText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise IngestError(path, "PDF 已加密，请先另存一份未加密的副本")
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise IngestError(path, f"无法读取的 PDF 文件（{exc}）") from exc
    if not text.strip():
        raise IngestError(path, "PDF 没有文字层（可能是扫描件），暂不支持 OCR")
    return RawText(str(path), text, "pdf", 0)


def read(path: str | Path) -> RawText:
    """Read one file; raises IngestError(path, reason) a user can act on."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(path, f"不支持的文件类型（{suffix or '无扩展名'}），只支持 {' '.join(SUPPORTED)}")
    if not path.exists():
        raise IngestError(path, "找不到文件")
    if not path.is_file():
        raise IngestError(path, "不是普通文件")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(path, "文件是空的")
    if suffix == ".docx":
        raw = _docx(path)
    elif suffix == ".pdf":
        raw = _pdf(path)
    elif suffix in (".html", ".htm"):
        raw = _html(path, data)
    else:
        raw = _plain(path, data)
    text = raw.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(path, "文件中没有文字")
    return RawText(raw.path, text, raw.encoding, raw.replaced, raw.headings)
