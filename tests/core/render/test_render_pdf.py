"""PDF through LibreOffice and PNG previews through pdftoppm, for real.

The first pages are written to test-output/render/ so a person can look at them.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from danvan.core.render import Heading, Paragraph, render_docx
from danvan.core.render.pdf import (
    ConversionError,
    convert_to_pdf,
    pdf_page_png,
    soffice_available,
)
from tests.core.render.render_builders import make_spec

REPO = Path(__file__).resolve().parents[3]
OUT = REPO / "test-output" / "render"


def _long_report() -> bytes:
    blocks = []
    for i in range(1, 17):
        blocks.append(Heading(f"Nhiệm vụ trọng tâm thứ {i}"))
        blocks.append(
            Paragraph(
                "Tiếp tục đổi mới phương thức tuyên truyền, tư vấn việc làm; nâng cao chất lượng "
                "kết nối cung - cầu lao động, bảo đảm quyền lợi hợp pháp của người lao động và "
                "phát huy vai trò của cán bộ, viên chức trong phong trào thi đua “Dân vận khéo”."
            )
        )
    spec = make_spec("bao_cao")
    return render_docx(make_spec("bao_cao", body=spec.body + tuple(blocks)))


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    OUT.mkdir(parents=True, exist_ok=True)
    docx = _long_report()
    (OUT / "bao-cao.docx").write_bytes(docx)
    pdf = convert_to_pdf(docx)
    (OUT / "bao-cao.pdf").write_bytes(pdf)
    return pdf


def test_soffice_is_found_on_this_machine_and_a_missing_one_is_not():
    assert soffice_available("soffice")
    assert not soffice_available("/nonexistent/soffice")


def test_a_report_becomes_a_pdf_set_in_the_times_new_roman_substitute(report_pdf):
    assert report_pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(report_pdf)) as pdf:
        first = pdf.pages[0]
        text = first.extract_text()
        fonts = {c["fontname"].split("+")[-1] for c in first.chars}
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Sơn La, ngày 09 tháng 3 năm 2022" in text
    assert "Số: 130/BC-TTDVVL" in text
    assert fonts and all(f.startswith("LiberationSerif") for f in fonts)


def test_page_numbers_appear_from_page_two_at_the_top(report_pdf):
    with pdfplumber.open(io.BytesIO(report_pdf)) as pdf:
        assert len(pdf.pages) >= 3
        first_line = pdf.pages[0].extract_text().splitlines()[0]
        tops = [min(page.chars, key=lambda c: c["top"]) for page in pdf.pages[1:3]]
    assert first_line.startswith("SỞ LAO ĐỘNG")
    # The field is evaluated per page, not a fixed "2".
    assert [c["text"] for c in tops] == ["2", "3"]
    top_of_second = tops[0]
    # Centred: the digit sits near the middle of the text area (left 30 mm, right 15 mm).
    page_width = 595.3
    text_middle = (30 + (210 - 15)) / 2 / 210 * page_width
    assert abs((top_of_second["x0"] + top_of_second["x1"]) / 2 - text_middle) < 10


def test_the_first_page_becomes_a_png_preview(report_pdf):
    png = pdf_page_png(report_pdf, page=1, dpi=80)
    (OUT / "bao-cao-trang-1.png").write_bytes(png)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    # A4 at 80 dpi is 661 × 935 pixels.
    assert abs(image.width - 661) <= 2 and abs(image.height - 935) <= 2


def test_the_party_variant_converts_too():
    OUT.mkdir(parents=True, exist_ok=True)
    pdf = convert_to_pdf(render_docx(make_spec("party")))
    (OUT / "dang-trang-1.png").write_bytes(pdf_page_png(pdf, dpi=80))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = doc.pages[0].extract_text()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 130-CT/TU" in text
    assert "CỘNG HÒA" not in text


def test_a_page_beyond_the_end_is_a_conversion_error(report_pdf):
    with pytest.raises(ConversionError) as err:
        pdf_page_png(report_pdf, page=99)
    assert "trang 99" in err.value.message_vi


def test_a_missing_soffice_is_a_conversion_error_in_vietnamese():
    with pytest.raises(ConversionError) as err:
        convert_to_pdf(b"PK", soffice="/nonexistent/soffice")
    assert "chưa cài LibreOffice" in err.value.message_vi


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "fake-soffice"
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status  # a zombie is dead, just not yet reaped by init


def test_a_hanging_soffice_is_killed_with_its_children(tmp_path):
    pids = tmp_path / "pids"
    fake = _script(tmp_path, f'sleep 300 &\necho $$ $! > "{pids}"\nwait\n')
    with pytest.raises(ConversionError) as err:
        convert_to_pdf(b"PK", soffice=fake, timeout_s=1)
    assert "quá 1 giây" in err.value.message_vi
    shell_pid, sleep_pid = (int(x) for x in pids.read_text().split())
    assert _gone(shell_pid)
    assert _gone(sleep_pid)


def test_a_soffice_that_writes_no_pdf_is_a_conversion_error(tmp_path):
    fake = _script(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 0\n")
    with pytest.raises(ConversionError) as err:
        convert_to_pdf(b"PK", soffice=fake)
    assert err.value.message_vi == "LibreOffice không tạo được tệp PDF từ văn bản này."
    assert "could not be loaded" in err.value.detail


def test_each_conversion_gets_its_own_profile(tmp_path):
    log = tmp_path / "args"
    fake = _script(tmp_path, f'echo "$@" >> "{log}"\n')
    for _ in range(2):
        with pytest.raises(ConversionError):
            convert_to_pdf(b"PK", soffice=fake)
    profiles = [
        next(a for a in line.split() if a.startswith("-env:UserInstallation=file://"))
        for line in log.read_text().splitlines()
    ]
    assert len(profiles) == 2 and profiles[0] != profiles[1]
    assert not any(os.path.exists(p.split("file://", 1)[1]) for p in profiles)


def _numbered_report(paragraphs: int) -> bytes:
    body = tuple(Paragraph(f"Đoạn số {i}: kết quả triển khai nhiệm vụ.") for i in range(paragraphs))
    return render_docx(make_spec("bao_cao", body=body))


def _pages_with(pdf: bytes, needles: list[str]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {n: set() for n in needles}
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            text = " ".join((page.extract_text() or "").split())
            for needle in needles:
                if needle in text:
                    found[needle].add(number)
    return found


def test_the_signature_block_and_recipients_never_split_across_pages():
    """Bodies ending at several distances from the bottom of page 1: the signer's
    title, the name and “Nơi nhận” always land on one page together."""
    OUT.mkdir(parents=True, exist_ok=True)
    probe = convert_to_pdf(_numbered_report(60))
    with pdfplumber.open(io.BytesIO(probe)) as doc:
        first = doc.pages[0].extract_text() or ""
    last_on_page_1 = max(i for i in range(60) if f"Đoạn số {i}:" in first)
    split_somewhere = False
    for n in range(last_on_page_1 - 9, last_on_page_1 + 1, 3):
        pdf = convert_to_pdf(_numbered_report(n))
        (OUT / f"ky-cuoi-trang-{n}.pdf").write_bytes(pdf)
        pages = _pages_with(
            pdf, ["Nơi nhận", "PHÓ GIÁM ĐỐC", "Lò Thị Anh Hoa", f"Đoạn số {n - 1}:"]
        )
        assert len(pages["Lò Thị Anh Hoa"]) == 1, pages
        assert pages["Nơi nhận"] == pages["PHÓ GIÁM ĐỐC"] == pages["Lò Thị Anh Hoa"], (n, pages)
        if pages["Lò Thị Anh Hoa"] != pages[f"Đoạn số {n - 1}:"]:
            split_somewhere = True  # the block moved whole to the next page
    assert split_somewhere, "no body length reached the bottom of the page"
