"""Old Word (.doc), OpenDocument (.odt), RTF and saved web pages (.html) are
read like a .docx: LibreOffice converts the office files, the letterhead and
signature come out as from the original."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from danvan.core.extract.normalise import encode_cp1258
from danvan.core.extract.pipeline import extract_path, read_path
from danvan.core.extract.readers import ReadError, ReadLimits, sniff_format
from danvan.core.extract.readers.html_reader import html_to_text
from danvan.core.soffice import soffice_convert


@pytest.fixture(scope="session")
def office_copies(official_letter, tmp_path_factory) -> dict[str, Path]:
    """The official letter saved by LibreOffice as .odt, .doc and .rtf (the
    .doc from the .odt: LibreOffice's direct .docx → .doc flattens the
    python-docx tables)."""
    docx_path, _pdf = official_letter
    folder = tmp_path_factory.mktemp("office")
    odt = soffice_convert(docx_path.read_bytes(), ".docx", "odt", timeout_s=120)
    copies = {"odt": odt}
    copies["doc"] = soffice_convert(odt, ".odt", "doc:MS Word 97", timeout_s=120)
    copies["rtf"] = soffice_convert(odt, ".odt", "rtf", timeout_s=120)
    paths = {}
    for fmt, data in copies.items():
        paths[fmt] = folder / f"ke-hoach.{fmt}"
        paths[fmt].write_bytes(data)
    return paths


@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
def test_an_office_file_is_converted_and_read_like_the_docx(office_copies, official_letter, fmt):
    path = office_copies[fmt]
    assert sniff_format(path, path.read_bytes()[:8192]) == fmt
    result = read_path(path)
    assert result.format == fmt
    assert any("LibreOffice" in warning for warning in result.warnings)
    obj = extract_path(path)
    expected = extract_path(official_letter[0])
    assert "error" not in obj, obj
    for key in ("doc_type", "number", "issued_on", "issuer", "signer"):
        assert obj["document"][key] == expected["document"][key], key
    assert obj["document"]["number"] == "130/KH-TTDVVL"


def test_an_office_file_with_the_wrong_extension_is_still_read(office_copies, tmp_path):
    renamed = tmp_path / "ke-hoach.txt"
    renamed.write_bytes(office_copies["rtf"].read_bytes())
    result = read_path(renamed)
    assert result.format == "rtf"
    assert "không khớp nội dung" in result.warnings[0]


def test_a_doc_without_libreoffice_says_so_in_vietnamese(office_copies):
    limits = ReadLimits(soffice_cmd="/nonexistent/soffice")
    obj = extract_path(office_copies["doc"], limits)
    assert "chưa cài LibreOffice" in obj["error"]
    assert ".docx" in obj["error"]


def test_a_doc_that_libreoffice_cannot_open_is_a_clear_error(tmp_path):
    # An OLE2 container that claims a WordDocument stream but holds garbage.
    stream = "WordDocument".encode("utf-16-le")
    path = tmp_path / "hong.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + stream + os.urandom(4000))
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert caught.value.code in {"conversion_failed", "no_text", "corrupt"}
    obj = extract_path(path)
    assert "Traceback" not in obj["error"] and "Error" not in obj["error"]


def test_a_hanging_converter_is_stopped_at_the_time_limit(office_copies, tmp_path):
    slow = tmp_path / "soffice"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(slow.stat().st_mode | stat.S_IXUSR)
    limits = ReadLimits(soffice_cmd=str(slow), timeout_s=2)
    with pytest.raises(ReadError) as caught:
        read_path(office_copies["odt"], limits)
    assert caught.value.code == "timeout"


def test_an_encrypted_office_file_asks_for_the_password_to_be_removed(tmp_path):
    path = tmp_path / "khoa.docx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 300
        + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 300
    )
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert caught.value.code == "encrypted"
    assert "mật khẩu" in caught.value.message


def test_an_old_excel_file_is_named_as_unsupported(tmp_path):
    path = tmp_path / "bang.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") * 3)
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert caught.value.code == "unsupported_format"
    assert "Excel" in caught.value.message


def test_an_opendocument_spreadsheet_is_named_as_unsupported(tmp_path):
    path = tmp_path / "bang.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert caught.value.code == "unsupported_format"


PORTAL_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tiêu đề trang</title>
<style>p { color: red }</style><script>var x = "Số: 999/QĐ-XX";</script></head><body>
<table><tr><td><p>ỦY BAN NHÂN DÂN<br>TỈNH QUẢNG NGÃI</p><p>Số: 15/TTr-UBND</p></td>
<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Độc lập - Tự do - Hạnh phúc</p>
<p><i>Quảng Ngãi, ngày 09 tháng 3 năm 2025</i></p></td></tr></table>
<p align="center"><b>TỜ TRÌNH</b></p><p align="center">Về việc khen thưởng phong trào thi đua</p>
<p>Năm 2024, toàn tỉnh có 1.250 mô hình &quot;Dân vận khéo&quot; được công nhận.</p>
<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>Số mô hình</td><td>1.250</td></tr></table>
<table><tr><td><b>Nơi nhận:</b><br>- Như trên;<br>- Lưu: VT.</td>
<td><b>TM. ỦY BAN NHÂN DÂN<br>CHỦ TỊCH</b><br><br><br>Nguyễn Văn An</td></tr></table>
</body></html>"""


def test_html_text_keeps_blocks_on_lines_and_table_cells_apart():
    text = html_to_text(PORTAL_PAGE)
    assert "var x" not in text and "color" not in text and "Tiêu đề trang" not in text
    assert "Chỉ tiêu\tKết quả" in text.splitlines()
    assert "Số mô hình\t1.250" in text.splitlines()
    assert '"Dân vận khéo"' in text


def test_a_saved_web_page_is_read_as_a_document(tmp_path):
    path = tmp_path / "to-trinh.html"
    path.write_text(PORTAL_PAGE, encoding="utf-8")
    obj = extract_path(path)
    assert "error" not in obj, obj
    document = obj["document"]
    assert document["doc_type"] == "to_trinh"
    assert document["number"] == "15/TTr-UBND"
    assert document["issued_on"] == "2025-03-09"
    assert document["signer"]["name"] == "Nguyễn Văn An"


def test_a_web_page_in_windows_1258_is_decoded_by_its_declared_charset(tmp_path):
    page = (
        '<html><head><meta charset="windows-1258"></head><body><p>Tiếp công dân</p></body></html>'
    )
    path = tmp_path / "trang.htm"
    path.write_bytes(encode_cp1258(page))
    assert read_path(path).text.strip() == "Tiếp công dân"
