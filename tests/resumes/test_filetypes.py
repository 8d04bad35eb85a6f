"""Type by content: the upload gate (resumes/filetypes.py) and display names (resumes/names.py)."""

import pytest

from resumes.errors import UploadRejected, message_for
from resumes.filetypes import detect
from resumes.names import display_name
from tests.resumes import samples


@pytest.mark.parametrize(("data", "kind"), [
    (samples.pdf_resume(), "pdf"),
    (samples.docx_resume(), "docx"),
    (samples.text_resume(), "txt"),
    (samples.TEXT_RESUME.encode("gb18030"), "txt"),
    (b"\xef\xbb\xbf" + samples.text_resume(), "txt"),
    (b"junk before the header\n" + samples.pdf_resume(), "pdf"),
])
def test_detect_accepts_real_files(data, kind):
    assert detect(data).kind == kind


@pytest.mark.parametrize(("data", "code"), [
    (b"", "empty"),
    (b" \n\t ", "empty"),
    (samples.png_bytes(), "unsupported_type"),  # a PNG renamed .pdf: the name plays no part
    (b"MZ\x90\x00" + b"\x00" * 100, "unsupported_type"),
    (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "unsupported_type"),
    (b"%PDF-", "corrupt"),
    (b"%PDF-1.7\n%%EOF", "corrupt"),  # no catalogue
    (samples.pdf_resume()[: len(samples.pdf_resume()) // 2], "corrupt"),  # truncated
    (b"PK\x03\x04" + b"\x00" * 50, "corrupt"),
    (samples.docx_zip_bomb(), "archive_too_large"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "legacy_doc"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "encrypted"),
    (b"\x00\x01\x02\x03" * 100, "unsupported_type"),
])
def test_detect_rejects_with_a_code_that_has_a_message(data, code):
    with pytest.raises(UploadRejected) as info:
        detect(data)
    assert info.value.code == code


def test_detect_rejects_a_zip_that_is_not_a_word_document():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UploadRejected) as info:
        detect(buffer.getvalue())
    assert info.value.code == "unsupported_type"


def test_detect_refuses_more_than_the_limit():
    with pytest.raises(UploadRejected) as info:
        detect(b"a" * 101, max_bytes=100)
    assert info.value.code == "too_large"


@pytest.mark.parametrize(("raw", "expected"), [
    ("../../etc/passwd", "passwd.pdf"),
    ("..\\..\\win.ini", "win.ini.pdf"),
    ("/etc/passwd", "passwd.pdf"),
    ("C:\\x.pdf", "x.pdf"),
    ("简历.pdf", "简历.pdf"),
    ("简历", "简历.pdf"),
    ("resume.pdf\x00.exe", "resume.pdf.exe.pdf"),
    ("resume\u202efdp.exe", "resumefdp.exe.pdf"),
    ("re\u200bsume.PDF", "resume.pdf"),
    ("resume.pdf.", "resume.pdf"),
    ("a\r\nb\".pdf", "ab\".pdf"),
    ("", "resume.pdf"),
    ("...", "resume.pdf"),
    ("re\u0301sume\u0301.pdf", "r\u00e9sum\u00e9.pdf"),  # NFD -> NFC
])
def test_display_name_is_safe_and_keeps_what_it_can(raw, expected):
    assert display_name(raw, "pdf") == expected


def test_display_name_caps_the_length():
    name = display_name("x" * 4000 + ".pdf", "pdf")
    assert len(name) <= 120 and name.endswith(".pdf")


def test_every_code_has_its_own_message(app):
    from resumes.errors import MESSAGES
    from resumes.parser.errors import CODES

    with app.test_request_context():
        for code in CODES:
            assert code in MESSAGES, code
        assert message_for("encrypted") != message_for("corrupt")
