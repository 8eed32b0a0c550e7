"""Fixtures for the archive: the real samples and a set of bad files."""

import io
import zipfile
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
DVK = SAMPLES / "dvk-6thang-2022-ttdvvl-sonla.txt"
TDKT = SAMPLES / "tdkt-tongket-2022-ttdvvl-sonla.txt"
KH = SAMPLES / "kh-danvan-danchu-2023-ttdvvl-sonla.txt"


@pytest.fixture
def samples():
    return {"dvk": DVK, "tdkt": TDKT, "kh": KH}


@pytest.fixture
def ttdvvl(units):
    return units["ttdvvl"]


def make_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_zip_bomb(inflated_mb: int) -> bytes:
    """A .docx-shaped zip whose document.xml inflates to `inflated_mb` MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        body = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
        body += b" " * (inflated_mb * 1024 * 1024) + b"</w:t></w:r></w:p></w:body></w:document>"
        z.writestr("word/document.xml", body)
    return out.getvalue()


def make_pdf(encrypted: bool = False) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if encrypted:
        writer.encrypt("mat-khau")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def bad_files(tmp_path, settings):
    """One file per kind of bad input, with the limits the test settings use."""
    settings.DANVAN_MAX_UPLOAD_MB = 1
    settings.DANVAN_MAX_UNZIPPED_MB = 2
    settings.DANVAN_OCR = False
    folder = tmp_path / "bad"
    folder.mkdir()
    good_docx = make_docx(["BÁO CÁO", "Kết quả phong trào thi đua “Dân vận khéo” năm 2022"])
    files = {
        "empty": ("rong.txt", b""),
        "garbage": ("rac.txt", bytes(range(256)) * 64),
        "truncated_docx": ("hong.docx", good_docx[: len(good_docx) // 2]),
        "zip_bomb": ("bom.docx", make_zip_bomb(50)),
        "encrypted_pdf": ("mat-khau.pdf", make_pdf(encrypted=True)),
        "no_text_pdf": ("scan-trang.pdf", make_pdf()),
        "too_large": ("qua-lon.txt", "Dân vận khéo. ".encode() * (100 * 1024)),
        "wrong_extension": ("bang-tinh.xlsx", b"PK\x03\x04 not really"),
    }
    paths = {}
    for key, (name, data) in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[key] = path
    return paths
