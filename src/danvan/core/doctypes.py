"""Document types: contract codes, Vietnamese names, ND 30/2020 abbreviations.

Codes follow ../shared/spec/extraction.md; abbreviations (ký hiệu) follow
Nghị định 30/2020/NĐ-CP Phụ lục III Mục I. Công văn has no abbreviation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocType:
    code: str
    name: str  # sentence case, as in running text: "Kế hoạch"
    abbr: str | None  # ký hiệu per Phụ lục III Mục I, None when the type has none
    has_addressees: bool = False  # upward types carry "Kính gửi" (Phụ lục I Mục II.9)


DOC_TYPES: tuple[DocType, ...] = (
    DocType("bao_cao", "Báo cáo", "BC", has_addressees=True),
    DocType("ke_hoach", "Kế hoạch", "KH"),
    DocType("quyet_dinh", "Quyết định", "QĐ"),
    DocType("cong_van", "Công văn", None, has_addressees=True),
    DocType("to_trinh", "Tờ trình", "TTr", has_addressees=True),
    DocType("thong_bao", "Thông báo", "TB"),
    DocType("chi_thi", "Chỉ thị", "CT"),
    DocType("nghi_quyet", "Nghị quyết", "NQ"),
    DocType("nghi_dinh", "Nghị định", "NĐ"),
    DocType("thong_tu", "Thông tư", "TT"),
    DocType("luat", "Luật", None),
    DocType("bo_luat", "Bộ luật", None),
    DocType("ket_luan", "Kết luận", "KL"),
    DocType("quy_dinh", "Quy định", "QyĐ"),
    DocType("chuong_trinh", "Chương trình", "CTr"),
    DocType("huong_dan", "Hướng dẫn", "HD"),
    DocType("de_an", "Đề án", "ĐA"),
    DocType("quy_che", "Quy chế", "QC"),
    DocType("cong_dien", "Công điện", "CĐ"),
    DocType("thong_tri", "Thông tri", "TT"),
    DocType("phuong_an", "Phương án", "PA"),
    DocType("bien_ban", "Biên bản", "BB"),
    DocType("other", "Văn bản", None),
)

BY_CODE: dict[str, DocType] = {t.code: t for t in DOC_TYPES}


def doc_type(code: str) -> DocType:
    try:
        return BY_CODE[code]
    except KeyError:
        raise ValueError(f"unknown document type code: {code!r}") from None
