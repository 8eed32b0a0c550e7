"""Every kind of bad input gives that file a clear Vietnamese error, never a crash."""

from __future__ import annotations

import io
import json
import os
import random
import unicodedata
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from danvan.core.extract.pipeline import extract_path, read_path
from danvan.core.extract.readers import ReadError, ReadLimits
from danvan.core.extract.readers.ocr import ocr_page_choice
from tests.core.extract.conftest import SCAN_LINES, render_scan

TEXT = "Trung tâm Dịch vụ việc làm Sơn La báo cáo kết quả công tác dân vận năm 2022."


def error_of(path, limits: ReadLimits | None = None) -> str:
    """The Vietnamese error message extract_path gives for this file."""
    result = extract_path(path, limits)
    assert set(result) == {"schema", "source", "error"}, result
    assert result["schema"] == "danvan.extraction/1"
    message = result["error"]
    assert message == unicodedata.normalize("NFC", message)
    assert "Traceback" not in message and "Error" not in message
    return message


def code_of(path, limits: ReadLimits | None = None) -> str:
    with pytest.raises(ReadError) as caught:
        read_path(path, limits)
    return caught.value.code


def random_bytes(n: int, seed: int = 3) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(n))


def test_an_empty_file_is_reported_as_empty(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    assert "Tệp rỗng" in error_of(path)
    assert code_of(path) == "empty"


def test_binary_garbage_is_not_mistaken_for_text(tmp_path):
    path = tmp_path / "rac.txt"
    path.write_bytes(random_bytes(5000))
    assert "nhị phân" in error_of(path)
    assert code_of(path) == "unknown_format"


def test_binary_garbage_with_a_docx_extension_says_the_docx_is_broken(tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(random_bytes(5000))
    assert "đuôi .docx" in error_of(path)
    assert code_of(path) == "corrupt"


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(TEXT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_truncated_docx_is_reported_as_broken(tmp_path):
    data = _docx_bytes()
    path = tmp_path / "dang-do.docx"
    path.write_bytes(data[: len(data) // 2])
    assert "bị hỏng" in error_of(path)
    assert code_of(path) == "corrupt"


def test_a_docx_with_broken_xml_is_reported_as_broken(tmp_path):
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    path = tmp_path / "xml-hong.docx"
    with zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(info, data)
    assert "bị hỏng" in error_of(path)
    assert code_of(path) == "corrupt"


def _bomb(path: Path, size: int) -> Path:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr("word/media/padding.bin", b"\0" * size)
    return path


def test_a_docx_zip_bomb_is_stopped_by_the_declared_sizes(tmp_path):
    path = _bomb(tmp_path / "bom.docx", 8 * 1024 * 1024)
    assert path.stat().st_size < 100_000
    limits = ReadLimits(max_unzipped_bytes=2 * 1024 * 1024)
    assert "vượt giới hạn" in error_of(path, limits)
    assert code_of(path, limits) == "zip_bomb"
    # The same file is fine under the default limit.
    assert "error" not in extract_path(path)


def test_a_docx_zip_bomb_that_lies_about_its_sizes_is_still_stopped(tmp_path):
    path = _bomb(tmp_path / "bom-gia.docx", 8 * 1024 * 1024)
    data = bytearray(path.read_bytes())
    # Forge the uncompressed size of the padding entry (local header and
    # central directory) to 16 bytes.
    name = b"word/media/padding.bin"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[start + offset : start + offset + 4] = (16).to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))
    limits = ReadLimits(max_unzipped_bytes=2 * 1024 * 1024)
    assert code_of(path, limits) in {"zip_bomb", "corrupt"}
    assert error_of(path, limits)


def test_an_excel_or_opendocument_spreadsheet_is_named_as_unsupported(tmp_path):
    xlsx = tmp_path / "bang.xlsx"
    with zipfile.ZipFile(xlsx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in error_of(xlsx)
    ods = tmp_path / "bang.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "bảng tính" in error_of(ods)


def test_an_old_office_file_with_no_word_text_asks_to_save_as_docx(tmp_path):
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random_bytes(2000))
    assert ".docx" in error_of(path)
    assert code_of(path) == "corrupt"


def test_an_encrypted_pdf_asks_for_the_password_to_be_removed(tmp_path, report_pdf):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(report_pdf).pages:
        writer.add_page(page)
    writer.encrypt(user_password="matkhau", owner_password="chu")
    path = tmp_path / "khoa.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "mật khẩu" in error_of(path)
    assert code_of(path) == "encrypted"


def test_a_pdf_locked_only_against_editing_is_still_read(tmp_path, report_pdf):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(report_pdf).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="chu")
    path = tmp_path / "chi-doc.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "Nội dung trang 2" in read_path(path).text


def test_a_broken_pdf_is_reported_as_broken(tmp_path, report_pdf):
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random_bytes(3000))
    assert "PDF bị hỏng" in error_of(path)


def test_a_scanned_pdf_without_tesseract_says_ocr_is_not_installed(scan_pdf):
    limits = ReadLimits(tesseract_cmd="/nonexistent/tesseract")
    message = error_of(scan_pdf, limits)
    assert "không có lớp chữ" in message and "chưa cài" in message and "Tesseract" in message
    assert code_of(scan_pdf, limits) == "no_text_no_ocr"


def test_a_scanned_pdf_with_ocr_turned_off_says_so(scan_pdf):
    assert "OCR) đang tắt" in error_of(scan_pdf, ReadLimits(ocr=False))


def test_a_missing_vietnamese_language_pack_is_named(scan_pdf):
    message = error_of(scan_pdf, ReadLimits(ocr_language="xyz"))
    assert "tesseract-ocr-vie" in message


def test_an_image_without_tesseract_says_ocr_is_not_installed(scan_png):
    message = error_of(scan_png, ReadLimits(tesseract_cmd="/nonexistent/tesseract"))
    assert "ảnh" in message and "Tesseract" in message


def test_a_broken_image_is_reported_as_broken(tmp_path):
    path = tmp_path / "anh.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random_bytes(500))
    assert "ảnh bị hỏng" in error_of(path)


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "lon.txt"
    path.write_text(TEXT * 100, encoding="utf-8")
    limits = ReadLimits(max_file_bytes=1000)
    message = error_of(path, limits)
    assert "quá lớn" in message and "vượt giới hạn" in message
    assert code_of(path, limits) == "too_large"


@pytest.mark.parametrize("isolate", [True, False], ids=["child-process", "in-process"])
def test_a_slow_read_is_stopped_at_the_time_limit(make_scan_pdf, isolate):
    path = make_scan_pdf(pages=6)
    limits = ReadLimits(timeout_s=0.3, isolate=isolate)
    assert "quá thời gian" in error_of(path, limits)
    assert code_of(path, limits) == "timeout"


def test_a_missing_file_is_reported(tmp_path):
    assert "Không tìm thấy tệp" in error_of(tmp_path / "khong-co.txt")


def test_a_directory_is_reported_as_not_a_file(tmp_path):
    assert "thư mục" in error_of(tmp_path)


def test_vietnamese_and_odd_characters_in_file_names_are_fine(tmp_path):
    name = "Báo cáo tổng kết (2022) #1 – bản cuối [v2] 'đã ký'.txt"
    path = tmp_path / unicodedata.normalize("NFD", name)
    path.write_text(TEXT, encoding="utf-8")
    result = extract_path(path)
    assert "error" not in result
    assert result["source"] == unicodedata.normalize("NFC", name)


def test_a_file_name_that_is_not_utf8_still_gives_printable_json(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), b"b\xe1o-c\xe1o.txt")  # Latin-1 bytes
    with open(raw, "wb") as handle:
        handle.write(TEXT.encode("utf-8"))
    result = extract_path(os.fsdecode(raw))
    assert "error" not in result
    line = json.dumps(result, ensure_ascii=False).encode("utf-8")
    assert "o-c" in json.loads(line)["source"]


def tiff_declaring(width: int, height: int) -> bytes:
    """A tiny bilevel TIFF whose header declares width x height pixels."""
    entries = [(256, 4, width), (257, 4, height), (258, 3, 1), (259, 3, 1), (262, 3, 1)]
    entries += [(273, 4, 8 + 2 + 12 * 8 + 4), (278, 4, height), (279, 4, 16)]
    ifd = len(entries).to_bytes(2, "little")
    for tag, kind, value in entries:
        ifd += tag.to_bytes(2, "little") + kind.to_bytes(2, "little") + (1).to_bytes(4, "little")
        ifd += value.to_bytes(4, "little")
    return b"II*\x00" + (8).to_bytes(4, "little") + ifd + bytes(4) + bytes(16)


def test_a_tiff_bomb_declaring_huge_dimensions_is_refused(tmp_path):
    path = tmp_path / "bom.tif"
    path.write_bytes(tiff_declaring(60_000, 60_000))
    message = error_of(path)
    assert "quá lớn" in message and "đã dừng đọc" in message


def test_every_page_of_a_multi_page_tiff_is_read(tmp_path, scan_png):
    one_page = read_path(scan_png).text.strip()
    path = tmp_path / "hai_trang.tif"
    with Image.open(scan_png) as page:
        page.save(path, save_all=True, append_images=[page.copy()], compression="tiff_deflate")
    assert len(one_page) > 20
    assert read_path(path).text.count(one_page) == 2


@pytest.mark.parametrize("turn", [180, 90])
def test_a_page_scanned_upside_down_or_sideways_is_turned_and_read(tmp_path, turn):
    lines = [*SCAN_LINES, *SCAN_LINES[3:]]
    path = tmp_path / "nguoc.png"
    render_scan(lines).rotate(turn, expand=True).save(path, dpi=(300, 300))
    text = read_path(path).text
    assert "Kết quả phong trào thi đua Dân vận khéo" in text
    assert "8.794 lượt người lao động" in text


def test_a_photo_that_is_not_a_page_of_text_gets_a_vietnamese_error(tmp_path):
    rng = random.Random(5)
    photo = Image.new("RGB", (1200, 900), (90, 140, 200))
    draw = ImageDraw.Draw(photo)
    for _ in range(80):
        x, y, r = rng.randrange(1200), rng.randrange(900), rng.randrange(10, 160)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        draw.line((x, y, rng.randrange(1200), rng.randrange(900)), fill=0, width=3)
    path = tmp_path / "anh_chup.jpg"
    photo.save(path, quality=85)
    message = error_of(path)
    assert "không phải trang văn bản" in message


def test_a_long_scan_is_read_only_up_to_the_ocr_page_cap_first_pages_and_last(make_scan_pdf):
    """A 200-page scan stays within time and memory: only ``max_ocr_pages`` pages (the first
    ones and the last, where the signature is) go through OCR, and the warning says so."""
    path = make_scan_pdf(pages=4)
    result = read_path(path, ReadLimits(max_ocr_pages=2))
    assert result.pages == 4 and result.ocr_pages == 2 and result.ocr_last_page
    assert any("vượt giới hạn nhận dạng chữ (OCR) 2 trang" in w for w in result.warnings)
    assert result.text.count("8.794 lượt người lao động") == 2


def test_the_ocr_page_cap_keeps_the_first_pages_and_the_last():
    assert ocr_page_choice(list(range(200)), 5) == [0, 1, 2, 3, 199]
    assert ocr_page_choice([2, 5, 7], 5) == [2, 5, 7]
    assert ocr_page_choice([2, 5, 7], 0) == [2, 5, 7]
