"""The Nghị định 30/2020 style sheet, as data: allowed ranges and chosen values.

Sources: Phụ lục I Phần I Mục I (page, font, body text) and the table in Mục
V (component sizes), summarised in ../shared/reference/legal-notes.md §1.2–1.3;
Party documents: Hướng dẫn 36-HD/VPTW (§1.10). Each component of the layout is
a Word paragraph style named here, so check_layout can tell a Quốc hiệu run
from a body run when it reads a DOCX back.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class Range:
    """Inclusive range of allowed values, in the unit of the field using it."""

    low: float
    high: float

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int | float):
            return False
        return self.low - 1e-6 <= value <= self.high + 1e-6

    def text(self) -> str:
        def num(v: float) -> str:
            return f"{v:g}".replace(".", ",")

        if self.high == math.inf:
            return f"≥ {num(self.low)}"
        if self.low == self.high:
            return num(self.low)
        return f"{num(self.low)}–{num(self.high)}"


@dataclass(frozen=True)
class TextStyle:
    """One component of the layout (a box of the Mục IV diagram)."""

    key: str
    label_vi: str
    size: Range  # points
    default_size: float
    bold: bool = False
    italic: bool = False
    upper: bool = False
    align: Align = "center"
    # check_layout insists on bold/italic only where Phụ lục I fixes them;
    # headings below level 2 have no rule and may be italic instead of bold.
    enforce_emphasis: bool = True
    # Word paragraph style named after the key, ASCII so any tool can read it.
    style_name: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "style_name", "DV " + self.key.replace("_", " ").capitalize())


@dataclass(frozen=True)
class Dimension:
    allowed: Range
    default: float


COMPONENTS: tuple[TextStyle, ...] = (
    TextStyle("quoc_hieu", "Quốc hiệu", Range(12, 13), 12, bold=True, upper=True),
    TextStyle("tieu_ngu", "Tiêu ngữ", Range(13, 14), 13, bold=True),
    TextStyle("co_quan_chu_quan", "Tên cơ quan chủ quản", Range(12, 13), 12, upper=True),
    TextStyle("co_quan_ban_hanh", "Tên cơ quan ban hành", Range(12, 13), 12, bold=True, upper=True),
    TextStyle("so_ky_hieu", "Số, ký hiệu", Range(13, 13), 13),
    TextStyle("dia_danh_ngay", "Địa danh và thời gian ban hành", Range(13, 14), 14, italic=True),
    TextStyle("ten_loai", "Tên loại văn bản", Range(13, 14), 14, bold=True, upper=True),
    TextStyle("trich_yeu", "Trích yếu", Range(13, 14), 14, bold=True),
    TextStyle("trich_yeu_cong_van", "Trích yếu công văn (V/v)", Range(12, 13), 12),
    TextStyle("tham_quyen", "Thẩm quyền ban hành", Range(13, 14), 14, bold=True, upper=True),
    TextStyle("can_cu", "Căn cứ ban hành", Range(13, 14), 14, italic=True, align="justify"),
    TextStyle("kinh_gui", "Kính gửi", Range(13, 14), 14, align="left"),
    TextStyle("noi_dung", "Nội dung", Range(13, 14), 14, align="justify"),
    TextStyle(
        "de_muc", "Đề mục", Range(13, 14), 14, bold=True, align="justify", enforce_emphasis=False
    ),
    TextStyle("bang", "Bảng", Range(11, 14), 12, enforce_emphasis=False),
    TextStyle(
        "chuc_vu_ky", "Quyền hạn, chức vụ người ký", Range(13, 14), 14, bold=True, upper=True
    ),
    TextStyle("ho_ten_ky", "Họ tên người ký", Range(13, 14), 14, bold=True),
    TextStyle("noi_nhan", "Nơi nhận", Range(12, 12), 12, bold=True, italic=True, align="left"),
    TextStyle("danh_sach_noi_nhan", "Danh sách nơi nhận", Range(11, 11), 11, align="left"),
    TextStyle("so_trang", "Số trang", Range(13, 14), 14),
    # HD 36: size 15–16 is from secondary sources only (UNCONFIRMED).
    TextStyle("dang", "Tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”", Range(13, 16), 15, bold=True, upper=True),
    TextStyle("dau_sao", "Dấu sao dưới tên cơ quan Đảng", Range(12, 14), 13),
)

# Empty paragraphs carrying a rule (the lines under Tiêu ngữ, issuer, trích
# yếu): no text, so no size rule; they are skipped by check_layout.
RULE_STYLE_NAME = "DV Duong ke"


@dataclass(frozen=True)
class StyleSheet:
    """Page, font and component rules with the values render_docx uses.

    Override with dataclasses.replace, or with_size("noi_dung", 13).
    """

    font_name: str = "Times New Roman"
    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    margin_top_mm: Dimension = Dimension(Range(20, 25), 20)
    margin_bottom_mm: Dimension = Dimension(Range(20, 25), 20)
    margin_left_mm: Dimension = Dimension(Range(30, 35), 30)
    margin_right_mm: Dimension = Dimension(Range(15, 20), 15)
    first_line_indent_cm: Dimension = Dimension(Range(1.0, 1.27), 1.27)
    space_after_pt: Dimension = Dimension(Range(6, math.inf), 6)
    line_spacing: Dimension = Dimension(Range(1.0, 1.5), 1.15)
    components: tuple[TextStyle, ...] = COMPONENTS
    # Header table: left column (issuer, số) and right column (Quốc hiệu, date).
    header_left_cm: float = 7.0
    # Signature block: right column width; the left holds "Nơi nhận".
    signature_right_cm: float = 8.5
    # Party signing prefixes "T/M", "K/T", "T/L" (common practice; UNCONFIRMED in HD 36).
    party_slash_prefixes: bool = True

    def component(self, key: str) -> TextStyle:
        for comp in self.components:
            if comp.key == key:
                return comp
        raise KeyError(key)

    def by_style_name(self, name: str) -> TextStyle | None:
        for comp in self.components:
            if comp.style_name == name:
                return comp
        return None

    def with_size(self, key: str, size: float) -> StyleSheet:
        comps = tuple(
            dataclasses.replace(c, default_size=size) if c.key == key else c
            for c in self.components
        )
        return dataclasses.replace(self, components=comps)

    def defaults_problems(self) -> list[str]:
        """Chosen values outside their own allowed ranges (empty when consistent)."""
        problems = []
        for name in (
            "margin_top_mm",
            "margin_bottom_mm",
            "margin_left_mm",
            "margin_right_mm",
            "first_line_indent_cm",
            "space_after_pt",
            "line_spacing",
        ):
            dim: Dimension = getattr(self, name)
            if dim.default not in dim.allowed:
                problems.append(f"{name}: {dim.default} ∉ {dim.allowed.text()}")
        for comp in self.components:
            if comp.default_size not in comp.size:
                problems.append(f"{comp.key}: {comp.default_size} ∉ {comp.size.text()}")
        return problems

    @property
    def any_size(self) -> Range:
        """Sizes allowed for a run whose component is unknown (a house template)."""
        return Range(
            min(c.size.low for c in self.components), max(c.size.high for c in self.components)
        )


DEFAULT_STYLE = StyleSheet()
