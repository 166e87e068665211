"""Files of every supported kind and encoding come in as text; bad ones fail with their name."""

from __future__ import annotations

import pytest

from ingest import CORPUS, IngestError, read

SEED = (CORPUS / "003_2fdff5521dc10afd.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding,label", [("gb18030", "gb18030"), ("utf-16", "utf-16"), ("utf-8-sig", "utf-8")])
def test_encodings_are_detected_and_decode_back_to_the_text(tmp_path, encoding, label):
    path = tmp_path / "doc.txt"
    path.write_bytes(SEED.encode(encoding))
    raw = read(path)
    assert raw.text == SEED and raw.encoding == label and raw.replaced == 0


def test_invalid_utf8_bytes_are_replaced_and_counted(tmp_path):
    data = bytearray(SEED.encode("utf-8"))
    data[300] = 0xFF
    path = tmp_path / "broken.txt"
    path.write_bytes(bytes(data))
    raw = read(path)
    assert raw.encoding == "utf-8" and raw.replaced >= 1
    assert raw.text.count("\ufffd") == raw.replaced
    assert raw.text[-200:] == SEED[-200:]


def test_markdown_headings_are_kept_as_headings(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# 测试县实施方案\n\n## 一、工作目标\n\n到2026年建成示范基地12个。\n", encoding="utf-8")
    raw = read(path)
    assert raw.headings == ((1, "测试县实施方案"), (2, "一、工作目标"))
    assert "#" not in raw.text


def test_html_keeps_the_article_and_drops_navigation_and_scripts(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in SEED.splitlines()[8:16] if p)
    page = (
        "<html><head><meta charset='utf-8'><script>var tracker = 1;</script></head><body>"
        "<div class='nav'>首页 政务公开 导航菜单</div><div class='breadcrumb'>首页 > 专题</div>"
        f"<article><h1>洪江市区域共进行动实施方案</h1>{body}</article><footer>版权所有 网站地图</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    raw = read(path)
    assert "tracker" not in raw.text and "导航菜单" not in raw.text and "版权所有" not in raw.text
    assert "工作目标" in raw.text and (1, "洪江市区域共进行动实施方案") in raw.headings


def test_docx_headings_paragraphs_and_tables_come_out_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("测试县实施方案", level=1)
    document.add_paragraph("为推进工作，特制定本方案。")
    document.add_heading("一、主要指标", level=2)
    table = document.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "指标", (0, 1): "2025年", (1, 0): "示范基地", (1, 1): "12"}.items():
        table.cell(r, c).text = value
    document.add_paragraph("二、保障措施")
    path = tmp_path / "方案.docx"
    document.save(path)
    raw = read(path)
    assert raw.headings == ((1, "测试县实施方案"), (2, "一、主要指标"))
    lines = raw.text.splitlines()
    assert lines.index("一、主要指标") < lines.index("示范基地") < lines.index("12") < lines.index("二、保障措施")


def _pdf(text: str | None) -> bytes:
    """A minimal one-page PDF, with a Helvetica text layer or none."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer_is_read(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf("GDP target 60 billion yuan"))
    assert "GDP target 60 billion yuan" in read(path).text


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.txt", b"", "文件是空的"),
        ("blank.txt", b"  \n\t\n", "文件是空的"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是文本文件"),
        ("nul.txt", b"abc\x00\x00def", "不是文本文件"),
        ("junk.docx", b"PK\x03\x04 not really a zip", "docx"),
        ("scan.pdf", None, "文字层"),
        ("table.xyz", b"abc", "不支持的文件类型"),
    ],
)
def test_unreadable_files_fail_with_their_name_and_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(_pdf(None) if data is None else data)
    with pytest.raises(IngestError) as err:
        read(path)
    assert name in str(err.value) and reason in str(err.value)


def test_a_zip_of_junk_named_docx_is_rejected(tmp_path):
    import zipfile

    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("junk.bin", b"\x00\x01\x02")
    with pytest.raises(IngestError, match="fake.docx.*docx"):
        read(path)


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(IngestError, match="gone.txt: 找不到文件"):
        read(tmp_path / "gone.txt")
