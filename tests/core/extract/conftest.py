"""Inputs for the reader tests, generated on the spot (docx, PDF, scans)."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
REPO = Path(__file__).resolve().parents[3]
DANVAN = REPO / ".venv" / "bin" / "danvan"

SCAN_LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "BÁO CÁO",
    "Kết quả phong trào thi đua Dân vận khéo",
    "Trung tâm đã tư vấn cho 8.794 lượt người lao động.",
]


def render_scan(lines: list[str], noisy: bool = False):  # -> PIL.Image.Image
    """A 300 dpi A4-width greyscale 'scan' of the lines (40 px text)."""
    import random

    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (2480, 160 + 90 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 48)
    for i, line in enumerate(lines):
        draw.text((160, 80 + 90 * i), line, font=font, fill=0)
    if noisy:
        rng = random.Random(7)
        pixels = image.load()
        for _ in range(image.width * image.height // 200):
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            pixels[x, y] = 0
    return image


@pytest.fixture
def scan_lines() -> list[str]:
    return list(SCAN_LINES)


@pytest.fixture
def scan_png(tmp_path: Path) -> Path:
    path = tmp_path / "scan.png"
    render_scan(SCAN_LINES, noisy=True).save(path, dpi=(300, 300))
    return path


@pytest.fixture
def make_scan_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Image-only PDFs (no text layer), like a scanner's output."""

    def make(pages: int = 1, name: str = "scan.pdf") -> Path:
        path = tmp_path / name
        image = render_scan(SCAN_LINES)
        image.save(
            path, "PDF", resolution=300.0, save_all=True, append_images=[image] * (pages - 1)
        )
        return path

    return make


@pytest.fixture
def scan_pdf(make_scan_pdf: Callable[..., Path]) -> Path:
    return make_scan_pdf()


def docx_to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice, each run with its own profile (shared ones fail)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is part of `make setup`"
    profile = Path("/tmp") / f"lo-danvan-test-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / (docx_path.stem + ".pdf")
    assert pdf.exists()
    return pdf


def build_docx(path: Path, fill: Callable[..., None]) -> Path:
    import docx

    document = docx.Document()
    fill(document)
    document.save(str(path))
    return path


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[[Callable[..., None], str], Path]:
    def make(fill: Callable[..., None], name: str = "doc.docx") -> Path:
        return build_docx(tmp_path / name, fill)

    return make


def report_body(document, pages: int = 3) -> None:  # noqa: ANN001
    """A multi-page report with a running header and a page-number footer."""
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section = document.sections[0]
    section.header.paragraphs[0].text = "Trung tâm Dịch vụ việc làm Sơn La - Báo cáo năm 2022"
    footer = section.footer.paragraphs[0]
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)
    for page in range(1, pages + 1):
        document.add_paragraph(f"Nội dung trang {page}: tư vấn cho {page * 100} lượt người.")
        document.add_paragraph("Công tác dân vận được triển khai thực hiện nghiêm túc.")
        if page < pages:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


@pytest.fixture(scope="session")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 3-page text PDF made by LibreOffice from a generated report .docx."""
    folder = tmp_path_factory.mktemp("pdf")
    return docx_to_pdf(build_docx(folder / "bao-cao.docx", report_body), folder)


@pytest.fixture
def danvan_cmd() -> Path:
    return DANVAN


def official_letter_body(document) -> None:  # noqa: ANN001
    """Letterhead and signature as two-column tables, as agencies lay them out."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    head = document.add_table(rows=1, cols=2)
    head.cell(
        0, 0
    ).text = "SỞ LAO ĐỘNG - TB&XH SƠN LA\nTRUNG TÂM DỊCH VỤ VIỆC LÀM\nSố: 130/KH-TTDVVL"
    head.cell(0, 1).text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Sơn La, ngày 15 tháng 3 năm 2023"
    )
    document.add_paragraph()
    document.add_paragraph("KẾ HOẠCH").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(
        "Triển khai công tác dân vận năm 2023"
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Chỉ tiêu\t\t\t\t\tKết quả")
    document.add_paragraph("Trung tâm Dịch vụ việc làm triển khai thực hiện như sau.")
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Sở LĐ-TBXH (b/c);\n- Lưu: VT."
    sign.cell(0, 1).text = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n\nLò Thị Anh Hoa"


@pytest.fixture(scope="session")
def official_letter(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(.docx, .pdf) of a letter with letterhead and signature blocks."""
    folder = tmp_path_factory.mktemp("letter")
    docx_path = build_docx(folder / "ke-hoach.docx", official_letter_body)
    return docx_path, docx_to_pdf(docx_path, folder)


def write_simple_pdf(path: Path, lines: list[tuple[str, str]]) -> Path:
    """A one-page PDF whose lines are (font name, text) in simple 8-bit fonts.

    The text's characters are written as single bytes (Latin-1), the way
    PDFs made with legacy Vietnamese fonts (.VnTime, VNI-Times) store them.
    """
    fonts = sorted({font for font, _ in lines})
    widths = " ".join(["500"] * 224)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << "
        + " ".join(f"/F{i} {5 + i} 0 R" for i in range(len(fonts)))
        + " >> >> >>",
    ]
    content = []
    for row, (font, text) in enumerate(lines):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content.append(f"BT /F{fonts.index(font)} 12 Tf 72 {760 - 20 * row} Td ({escaped}) Tj ET")
    stream = "\n".join(content).encode("latin-1")
    objects.append(
        f"<< /Length {len(stream)} >>\nstream\n".encode("latin-1") + stream + b"\nendstream"
    )
    first_font = len(objects) + 1  # right after the content stream
    for i, font in enumerate(fonts):
        objects.append(
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{font} /FirstChar 32 /LastChar 255 "
            f"/Widths [{widths}] /Encoding /WinAnsiEncoding "
            f"/FontDescriptor {first_font + len(fonts) + i} 0 R >>"
        )
    for font in fonts:
        objects.append(
            f"<< /Type /FontDescriptor /FontName /{font} /Flags 32 /FontBBox [0 -200 1000 900] "
            "/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        data = body if isinstance(body, bytes) else body.encode("latin-1")
        out += f"{number} 0 obj\n".encode() + data + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    path.write_bytes(bytes(out))
    return path


@pytest.fixture
def simple_pdf(tmp_path: Path) -> Callable[[list[tuple[str, str]]], Path]:
    return lambda lines: write_simple_pdf(tmp_path / "cu.pdf", lines)
