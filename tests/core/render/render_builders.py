"""Builders for render tests: realistic specs of each document type (not a conftest:
several test folders have one, and a plain module name keeps imports unambiguous)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from docx import Document
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from danvan.core.render import (
    Article,
    DocumentSpec,
    FigureParagraph,
    Heading,
    Issuer,
    Paragraph,
    Signer,
    Table,
    figure_sentence,
)

TTDVVL = Issuer(
    "Trung tâm Dịch vụ việc làm Sơn La",
    "TTDVVL",
    "Sở Lao động - Thương binh và Xã hội tỉnh Sơn La",
)
TINH_UY = Issuer("Tỉnh ủy Sơn La", "TU", "Đảng bộ tỉnh Sơn La", party=True)
DEPUTY = Signer("Lò Thị Anh Hoa", "Phó Giám đốc", "KT", "Giám đốc")

KINH_GUI = {
    "bao_cao": ("Sở Lao động - Thương binh và Xã hội tỉnh Sơn La",),
    "to_trinh": ("Sở Lao động - Thương binh và Xã hội tỉnh Sơn La",),
    "cong_van": ("Sở Lao động - Thương binh và Xã hội", "Ban Dân vận Tỉnh ủy Sơn La"),
}
TITLES = {
    "bao_cao": "Kết quả phong trào thi đua “Dân vận khéo” 6 tháng đầu năm 2022",
    "ke_hoach": "Triển khai công tác Dân vận - Dân chủ năm 2022",
    "to_trinh": "Đề nghị khen thưởng tập thể, cá nhân có thành tích trong phong trào “Dân vận khéo”",
    "quyet_dinh": "Về việc khen thưởng tập thể, cá nhân điển hình “Dân vận khéo” năm 2022",
    "cong_van": "V/v đăng ký mô hình “Dân vận khéo” năm 2022",
    "thong_bao": "Kết luận của Giám đốc tại cuộc họp giao ban tháng 3 năm 2022",
    "chi_thi": "Về đẩy mạnh thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2021-2025",
}
STATE_TYPES = ("bao_cao", "ke_hoach", "to_trinh", "quyet_dinh", "cong_van", "thong_bao")


def body(doc_type: str) -> tuple[Any, ...]:
    if doc_type == "quyet_dinh":
        return (
            Article("Khen thưởng", ("Tặng Giấy khen cho 03 tập thể và 05 cá nhân.",)),
            Article("Hiệu lực thi hành", ("Quyết định này có hiệu lực kể từ ngày ký.",)),
        )
    sentence = figure_sentence(
        "tư vấn cho", 8794, "lượt người", plan=8538, previous=6150, previous_year=2021
    )
    return (
        Paragraph(
            "Thực hiện Chỉ thị số 11-CT/TU ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy, "
            "Trung tâm Dịch vụ việc làm Sơn La báo cáo kết quả như sau:"
        ),
        Heading("Kết quả thực hiện"),
        Heading("Công tác tư vấn, giới thiệu việc làm", level=2),
        FigureParagraph(f"Trung tâm đã {sentence}.", "indicator-value:412"),
        Heading("Về tuyên truyền", level=3),
        Table(
            (("TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ"),),
            (("1", "Tư vấn việc làm", "8.538", "8.794", "103%"),),
            caption="Bảng 1. Kết quả thực hiện chỉ tiêu",
            numeric_columns=(2, 3, 4),
        ),
    )


def make_spec(doc_type: str = "bao_cao", **overrides: Any) -> DocumentSpec:
    party = doc_type == "party"
    kind = "chi_thi" if party else doc_type
    values: dict[str, Any] = {
        "issuer": TINH_UY if party else TTDVVL,
        "doc_type": kind,
        "title": TITLES[kind],
        "number": 130,
        "drafting_unit": "HCTH" if kind == "cong_van" else None,
        "place": "Sơn La",
        "issued_on": date(2022, 3, 9),
        "addressees": KINH_GUI.get(kind, ()),
        "legal_bases": (
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "Căn cứ Quyết định số 2674/QĐ-UBND ngày 02/11/2021 của UBND tỉnh Sơn La;",
            "Theo đề nghị của Trưởng phòng Hành chính - Tổng hợp",
        )
        if kind == "quyet_dinh"
        else (),
        "decision_authority": "Giám đốc Trung tâm Dịch vụ việc làm Sơn La"
        if kind == "quyet_dinh"
        else None,
        "body": body(kind),
        "signer": Signer(
            "Hoàng Văn Chất", "Phó Bí thư Thường trực", "KT", "Bí thư", "Ban Thường vụ"
        )
        if party
        else DEPUTY,
        "recipients": ("Sở LĐ-TBXH (B/c)", "Lãnh đạo TT;", "Trang TTĐT."),
        "archive_unit": "HCTH",
        "closing": "Trên đây là báo cáo của Trung tâm Dịch vụ việc làm Sơn La.",
    }
    values.update(overrides)
    return DocumentSpec(**values)


def reading_order(docx_bytes: bytes) -> list[str]:
    """Non-empty paragraph texts in the order a reader (or extractor) meets them."""
    doc = Document(io.BytesIO(docx_bytes))
    texts: list[str] = []

    def walk(container: Any) -> None:
        for item in container.iter_inner_content():
            if isinstance(item, DocxParagraph):
                if item.text.strip():
                    texts.append(item.text)
            elif isinstance(item, DocxTable):
                for row in item.rows:
                    for cell in row.cells:
                        walk(cell)

    walk(doc)
    return texts
