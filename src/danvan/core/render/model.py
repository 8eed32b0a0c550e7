"""What a generated document says, as plain frozen dataclasses.

The Django apps build a DocumentSpec from the database and pass it to
render_docx; nothing here knows about Django. Numbers and symbols follow
Nghị định 30/2020 Phụ lục I Mục II.3 (state bodies) and Hướng dẫn 36-HD/VPTW
(Party bodies).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from danvan.core.doctypes import BY_CODE, DocType

# The six types render_docx lays out.
RENDERABLE_TYPES: tuple[str, ...] = (
    "bao_cao",
    "ke_hoach",
    "to_trinh",
    "quyet_dinh",
    "cong_van",
    "thong_bao",
)

Authority = Literal["TM", "KT", "TL", "TUQ", "Q"]
AUTHORITIES: tuple[str, ...] = ("TM", "KT", "TL", "TUQ", "Q")

# Party công văn: "234-CV/TU" is common practice; not confirmed in HD 36.
PARTY_CONG_VAN_CODE = "CV"

# Space left for the number on an unnumbered draft: "Số:      /KH-TTDVVL".
DRAFT_NUMBER_BLANK = "\u00a0" * 6

_CODE = re.compile(r"^[0-9A-ZĐ]+(?:-[0-9A-ZĐ]+)*$")


class SpecError(ValueError):
    """The spec cannot make a valid document; ``message_vi`` is for the user, ``code``
    (type, number, symbol, signer, addressee) says which part for programs."""

    def __init__(self, message_vi: str, code: str = "invalid") -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.code = code


class Notice(str):
    """A gap a person should fill, in Vietnamese, that also carries a ``code`` for
    programs (title, body, place, signer, addressee, legal_bases, unnumbered); it is
    a plain ``str`` everywhere else."""

    code: str

    def __new__(cls, message_vi: str, code: str) -> Notice:
        notice = super().__new__(cls, message_vi)
        notice.code = code
        return notice


def _clean_code(code: str | None, what_vi: str) -> str:
    text = (code or "").strip().upper()
    if not text:
        raise SpecError(
            f"Chưa có chữ viết tắt của {what_vi}: cần khai báo trước khi lập số, ký hiệu văn bản.",
            "symbol",
        )
    if not _CODE.match(text):
        raise SpecError(
            f"Chữ viết tắt của {what_vi} “{code}” không hợp lệ: chỉ dùng chữ in hoa, "
            "chữ số và dấu gạch nối, không có khoảng trắng hay dấu “/”.",
            "symbol",
        )
    return text


def doc_type_for(code: str) -> DocType:
    try:
        return BY_CODE[code]
    except KeyError:
        raise SpecError(f"Loại văn bản “{code}” không được hỗ trợ.", "type") from None


def build_symbol(
    number: int | None,
    type_code: str,
    issuer_code: str | None,
    drafting_unit: str | None = None,
    party: bool = False,
) -> str:
    """Số and ký hiệu without the "Số:" label.

    build_symbol(130, "ke_hoach", "TTDVVL")            → "130/KH-TTDVVL"
    build_symbol(5, "bao_cao", "TTDVVL")               → "05/BC-TTDVVL"
    build_symbol(79, "cong_van", "TTDVVL", "HCTH")     → "79/TTDVVL-HCTH"
    build_symbol(11, "chi_thi", "TU", party=True)      → "11-CT/TU"
    build_symbol(None, "ke_hoach", "TTDVVL")           → "      /KH-TTDVVL" (blank for the number)

    Decision for a missing issuer code: SpecError with a Vietnamese message. A
    symbol without its issuer part ("130/KH") is not a valid ký hiệu and would
    be copied into the register, so it is never built silently.
    A công văn without a drafting unit gives the legacy form "146/TTDVVL".
    """
    kind = doc_type_for(type_code)
    issuer = _clean_code(issuer_code, "cơ quan ban hành")
    if number is None:
        num = DRAFT_NUMBER_BLANK
    else:
        if number < 1:
            raise SpecError(f"Số văn bản phải là số nguyên dương, không phải {number}.", "number")
        num = f"{number:02d}"
    if party:
        abbr = kind.abbr or (PARTY_CONG_VAN_CODE if kind.code == "cong_van" else None)
        if abbr is None:
            raise SpecError(
                f"Loại văn bản {kind.name} chưa có chữ viết tắt để lập ký hiệu.", "symbol"
            )
        return f"{num}-{abbr}/{issuer}"
    if kind.abbr is None:
        if kind.code != "cong_van":
            raise SpecError(
                f"Loại văn bản {kind.name} chưa có chữ viết tắt để lập ký hiệu.", "symbol"
            )
        if drafting_unit:
            return f"{num}/{issuer}-{_clean_code(drafting_unit, 'đơn vị soạn thảo')}"
        return f"{num}/{issuer}"
    return f"{num}/{kind.abbr}-{issuer}"


@dataclass(frozen=True)
class Issuer:
    """The issuing body. name in normal case ("Trung tâm Dịch vụ việc làm Sơn La").

    governing_body: the cơ quan chủ quản line above it, or None.
    party: a Party body (Hướng dẫn 36-HD/VPTW layout and numbering).
    """

    name: str
    short_code: str | None
    governing_body: str | None = None
    party: bool = False


@dataclass(frozen=True)
class Signer:
    """Who signs. position in normal case ("Phó Giám đốc").

    authority: None, "TM", "KT", "TL", "TUQ" or "Q".
    on_behalf_of: the head's title after the prefix ("Giám đốc" in KT. GIÁM ĐỐC).
    collective: a collective body signed for above a KT line:
        collective="Ủy ban nhân dân", authority="KT", on_behalf_of="Chủ tịch",
        position="Phó Chủ tịch" → TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.
    """

    name: str
    position: str
    authority: Authority | None = None
    on_behalf_of: str | None = None
    collective: str | None = None


@dataclass(frozen=True)
class Heading:
    """A heading; numbered automatically unless numbered=False.

    level 1 → "I. MỤC ĐÍCH, YÊU CẦU" (upper case), 2 → "1. …", 3 → "a) …".
    """

    text: str
    level: int = 1
    numbered: bool = True


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Article:
    """A quyết định's "Điều n. Title" followed by its text (numbered automatically)."""

    title: str
    text: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    header_rows: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    numeric_columns: tuple[int, ...] = ()


@dataclass(frozen=True)
class FigureParagraph:
    """A paragraph holding figures, with the id of the value it came from.

    ref_id (e.g. "indicator-value:412") is written as a hidden bookmark so a
    DOCX can be traced back to its data (see render.docx.figure_refs).
    """

    text: str
    ref_id: str


Block = Heading | Paragraph | Article | Table | FigureParagraph


@dataclass(frozen=True)
class DocumentSpec:
    """One document. Drafts leave number and issued_on as None.

    addressees: the "Kính gửi" lines, only for types that carry "Kính gửi" (báo cáo,
        tờ trình, công văn); recipients: the "Nơi nhận" list without "Như trên"
        and "Lưu", which are added (archive_unit / archive_copies give
        "- Lưu: VT, HCTH(02).").
    legal_bases: căn cứ lines of a quyết định, punctuation added.
    decision_authority: the quyết định's issuing title
        ("Giám đốc Trung tâm Dịch vụ việc làm Sơn La").
    draft_year: the year printed on an undated draft (default: this year).
    closing: last sentence of the body, ended with "./.".
    """

    issuer: Issuer
    doc_type: str
    title: str = ""
    number: int | None = None
    drafting_unit: str | None = None
    place: str = ""
    issued_on: date | None = None
    draft_year: int | None = None
    addressees: tuple[str, ...] = ()
    legal_bases: tuple[str, ...] = ()
    decision_authority: str | None = None
    body: tuple[Block, ...] = ()
    signer: Signer | None = None
    recipients: tuple[str, ...] = ()
    archive_unit: str | None = None
    archive_copies: int | None = None
    closing: str | None = None
    # The type line when the name carries a qualifier ("Báo cáo nhanh" prints
    # "BÁO CÁO NHANH" above the trích yếu); the type's own name otherwise.
    type_label: str | None = None

    @property
    def type(self) -> DocType:
        return doc_type_for(self.doc_type)

    @property
    def symbol(self) -> str:
        return build_symbol(
            self.number,
            self.doc_type,
            self.issuer.short_code,
            self.drafting_unit,
            party=self.issuer.party,
        )
