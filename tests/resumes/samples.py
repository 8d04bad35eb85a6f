"""Synthetic resume files and hostile files for the resumes tests (made at test time)."""

from __future__ import annotations

import functools
import io
import zipfile
import zlib

TEXT_RESUME = """张小明
电话：138 0013 8000
邮箱：xiaoming.zhang@example.com
出生日期：1998年5月
籍贯：浙江杭州

教育经历
2016.09 - 2020.06  浙江大学  计算机科学与技术  本科

工作经历
2020.07 - 至今  杭州云图科技有限公司  后端工程师
负责订单系统的设计与开发。

专业技能
Python, PostgreSQL, Redis
"""


def text_resume() -> bytes:
    return TEXT_RESUME.encode("utf-8")


def pdf_resume(lines: list[str] | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    y = 800
    for line in lines or ["Jane Doe", "jane.doe@example.com", "+44 20 7946 0958", "", "Education",
                          "University of Leeds, BSc Computer Science, 2014 - 2017", "", "Experience",
                          "Acme Ltd, Software Engineer, Sep 2017 - Present", "", "Skills", "Python, SQL"]:
        pdf.drawString(72, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_resume() -> bytes:
    import docx

    document = docx.Document()
    for line in ["John Smith", "john.smith@example.com", "Education", "University of York, BA History, 2010 - 2013"]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    """A structurally valid PDF (header, objects, xref, trailer) from object bodies 1..n."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


@functools.lru_cache(maxsize=2)
def pdf_flate_bomb(megabytes: int = 600) -> bytes:
    """One page whose content stream inflates to ``megabytes`` MB (about 1 MB on disk per GB):
    more than the parse child may allocate."""
    compressor = zlib.compressobj(1)
    chunk = b" " * (1024 * 1024)
    body = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        _stream(body, b"/Filter /FlateDecode"),
    ])


def pdf_deeply_nested(depth: int = 100_000) -> bytes:
    """An object made of ``depth`` nested arrays (a recursion bomb for naive parsers)."""
    nested = b"[" * depth + b"]" * depth
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Nested " + nested + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ])


def pdf_xobject_loop() -> bytes:
    """Form XObjects that draw each other forever (pdfminer issue 1113's shape)."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /X1 5 0 R >> >> >>",
        _stream(b"/X1 Do"),
        _stream(b"/X2 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X2 6 0 R >> >>"),
        _stream(b"/X1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 5 0 R >> >>"),
    ])


def pdf_pages_loop() -> bytes:
    """A /Pages tree whose kid is itself."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
    ])


def pdf_encrypted() -> bytes:
    """A PDF with a user password (made by pypdf when available, else reportlab's encryption)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("usersecret", ownerPassword="ownersecret", strength=128)
    pdf = canvas.Canvas(buffer, encrypt=enc, invariant=1)
    pdf.drawString(72, 800, "Secret Person")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_zip_bomb(megabytes: int = 20) -> bytes:
    """A DOCX-shaped package whose document.xml claims to unpack to ``megabytes`` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (megabytes * 1024 * 1024) + b"/>")
    return buffer.getvalue()


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
