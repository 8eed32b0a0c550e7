"""Documents of a round: the Tờ trình and its lists, the award decision
(through the ND 30/2020 renderer), and certificates (Giấy khen, Bằng khen,
Giấy chứng nhận danh hiệu) as landscape A4 DOCX, converted to PDF by
LibreOffice for printing."""

from __future__ import annotations

import io
from collections import Counter, defaultdict

import docx
from django.conf import settings
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from danvan.core.dates import format_date_long, format_date_short
from danvan.core.numbers import format_number, format_percent
from danvan.core.render import (
    Article,
    DocumentSpec,
    Paragraph,
    Signer,
    SpecError,
    Table,
    build_symbol,
    convert_to_pdf,
    render_docx,
)
from danvan.core.rules import INDIVIDUAL_TITLES, TITLES, title_label
from danvan.orgunits.models import OrgUnit, StaffMember
from danvan.orgunits.services import issuer_of

from .models import AwardDecision, AwardRound, Nomination, NominationStatus
from .services.money import decision_money

S = NominationStatus
FONT = "Times New Roman"
AWARD_FORMS = {
    "giay_khen": "GIẤY KHEN",
    "bang_khen_cap_tinh": "BẰNG KHEN",
    "bang_khen_thu_tuong": "BẰNG KHEN",
    "co_thi_dua_chinh_phu": "CỜ THI ĐUA",
}
AUTHORITY_TITLES = {
    "giam_doc_so": "Giám đốc",
    "chu_tich_ubnd_tinh": "Chủ tịch",
    "chu_tich_ubnd_xa": "Chủ tịch",
    "chu_tich_ubnd_huyen": "Chủ tịch",
    "bo_truong": "Bộ trưởng",
    "thu_truong_don_vi_thuoc_bo": "Thủ trưởng",
    "giam_doc_doanh_nghiep": "Giám đốc",
    "chu_tich_hdqt": "Chủ tịch",
    "thu_tuong": "Thủ tướng",
}


class PaperworkError(Exception):
    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


def _signer_for(unit: OrgUnit, name: str, position: str = "") -> Signer:
    """KT. for a deputy ("Phó Giám đốc" signs for the Giám đốc)."""
    position = position or "Thủ trưởng đơn vị"
    if position.lower().startswith("phó "):
        head = position[4:]
        return Signer(
            name=name, position=position, authority="KT", on_behalf_of=head[:1].upper() + head[1:]
        )
    return Signer(name=name, position=position)


def _head_of(rnd: AwardRound) -> tuple[str, str]:
    """The signer of the Tờ trình: the user who submitted, with their post in the unit."""
    user = rnd.submitted_by
    name = (user.get_full_name() or user.username) if user is not None else ""
    position = ""
    if name:
        staff = StaffMember.objects.filter(
            unit__path__startswith=rnd.unit.path, full_name=name
        ).first()
        position = staff.position if staff is not None else ""
    return name, position


def _subject_line(n: Nomination) -> tuple[str, str, str]:
    if n.staff is not None:
        return n.staff.full_name, n.staff.position, n.staff.unit.name
    assert n.collective is not None  # a nomination names a person or a collective
    return n.collective.name, "", rnd_unit_name(n)


def rnd_unit_name(n: Nomination) -> str:
    return n.round.unit.name if n.collective_id != n.round.unit_id else ""


def submitted_nominations(rnd: AwardRound) -> list[Nomination]:
    sent = (S.SUBMITTED, S.APPRAISED, S.DECIDED, S.RETURNED)
    noms = rnd.nominations.filter(status__in=sent).select_related(
        "staff", "staff__unit", "collective", "round", "round__unit"
    )
    if not noms.exists():
        noms = rnd.nominations.filter(status__in=(S.DISCLOSED, S.COUNCIL_VOTED)).select_related(
            "staff", "staff__unit", "collective", "round", "round__unit"
        )
    return list(noms)


def _grouped(noms: list[Nomination]) -> list[tuple[str, list[Nomination]]]:
    order = {code: i for i, code in enumerate(TITLES)}
    groups: dict[str, list[Nomination]] = defaultdict(list)
    for n in noms:
        groups[n.title].append(n)
    return [(t, groups[t]) for t in sorted(groups, key=lambda t: (order[t], t))]


def _list_rows(noms: list[Nomination]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for i, n in enumerate(noms, 1):
        name, position, unit = _subject_line(n)
        pct = format_percent(n.approval_percent) if n.approval_percent is not None else ""
        rows.append((str(i), name, position, unit, n.achievement or "", pct))
    return rows


LIST_HEADER = (
    "TT",
    "Họ và tên / Tên tập thể",
    "Chức vụ",
    "Đơn vị",
    "Tóm tắt thành tích",
    "Tỷ lệ phiếu đồng ý",
)


def to_trinh_spec(rnd: AwardRound) -> DocumentSpec:
    """The Tờ trình that carries the round's proposals up (ND 30 template 1.4)."""
    noms = submitted_nominations(rnd)
    groups = _grouped(noms)
    counts = Counter(("collective" if n.collective_id else "individual", n.title) for n in noms)
    name, position = _head_of(rnd)
    body: list = [
        Paragraph(
            f"Căn cứ Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành; căn cứ kết "
            f"quả bình xét của Hội đồng Thi đua – Khen thưởng {rnd.unit.name}"
            + (
                f" họp ngày {format_date_short(rnd.council_held_on)}"
                f" ({format_number(rnd.council_present or 0)}/"
                f"{format_number(rnd.council_members or 0)} thành viên dự họp)"
                if rnd.council_held_on
                else ""
            )
            + (
                f" và kết quả công khai lấy ý kiến từ ngày {format_date_short(rnd.disclosure_start)}"
                f" đến ngày {format_date_short(rnd.disclosure_end)}"  # type: ignore[arg-type]  # set with the start
                if rnd.disclosure_start
                else ""
            )
            + ";"
        ),
        Paragraph(
            f"{rnd.unit.name} kính trình {rnd.deciding_unit.name} xem xét, khen thưởng thành tích "
            f"năm {rnd.year} như sau:"
        ),
    ]
    for level, word in (("collective", "tập thể"), ("individual", "cá nhân")):
        items = [(t, c) for (lv, t), c in counts.items() if lv == level]
        if not items:
            continue
        body.append(Paragraph(f"Về {word}:"))
        for title, count in sorted(items, key=lambda x: list(TITLES).index(x[0])):
            body.append(Paragraph(f"- {title_label(title)}: {count:02d} {word};"))
    body.append(
        Table(
            header_rows=(("TT", "Danh hiệu, hình thức khen thưởng", "Số lượng"),),
            rows=tuple(
                (str(i), title_label(t), format_number(len(items)))
                for i, (t, items) in enumerate(groups, 1)
            ),
            caption="Tổng hợp đề nghị",
            numeric_columns=(2,),
        )
    )
    body.append(Paragraph("(Có danh sách và tóm tắt thành tích kèm theo)."))
    return DocumentSpec(
        issuer=issuer_of(rnd.unit),
        doc_type="to_trinh",
        title=f"Về việc đề nghị khen thưởng thành tích năm {rnd.year}",
        place=rnd.unit.place_name,
        issued_on=rnd.submitted_on,
        draft_year=rnd.year + 1 if rnd.submitted_on is None else None,
        addressees=(rnd.deciding_unit.name,),
        body=tuple(body),
        closing=f"{rnd.unit.name} kính trình {rnd.deciding_unit.name} xem xét, quyết định",
        signer=_signer_for(rnd.unit, name, position) if name else None,
        recipients=("Lãnh đạo đơn vị",),
        archive_unit="HCTH",
    )


def _docx_error(exc: SpecError) -> PaperworkError:
    return PaperworkError(exc.message_vi)


def to_trinh_docx(rnd: AwardRound) -> bytes:
    try:
        return render_docx(to_trinh_spec(rnd))
    except SpecError as exc:
        raise _docx_error(exc) from None


# --- python-docx helpers for lists and certificates ------------------------------------


def _new_doc(landscape: bool):
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = Mm(30 if not landscape else 20)
    section.right_margin = Mm(15 if not landscape else 20)
    return document


def _line(document, text: str, size: int = 13, bold=False, italic=False, center=True, space=0):
    p = document.add_paragraph()
    p.paragraph_format.space_after = Pt(space)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return p


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def lists_docx(rnd: AwardRound) -> bytes:
    """The lists attached to the Tờ trình: one table per title (Phụ lục)."""

    document = _new_doc(landscape=True)
    noms = submitted_nominations(rnd)
    try:
        symbol = build_symbol(None, "to_trinh", rnd.unit.short_code)
    except SpecError as exc:
        raise _docx_error(exc) from None
    when = format_date_long(rnd.submitted_on) if rnd.submitted_on else "ngày ... tháng ... năm ..."
    _line(document, "PHỤ LỤC", 14, bold=True)
    _line(document, f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG THÀNH TÍCH NĂM {rnd.year}", 14, bold=True)
    _line(
        document,
        f"(Kèm theo Tờ trình số {symbol.strip()} {when} của {rnd.unit.name})",
        13,
        italic=True,
        space=12,
    )
    if not noms:
        _line(document, "Chưa có đề nghị nào được trình.", 13, italic=True)
    for index, (title, items) in enumerate(_grouped(noms), 1):
        who = "cá nhân" if title in INDIVIDUAL_TITLES and items[0].staff_id else "tập thể"
        _line(
            document,
            f"{index}. {title_label(title)} ({len(items):02d} {who})",
            13,
            bold=True,
            center=False,
            space=6,
        )
        table = document.add_table(rows=1, cols=len(LIST_HEADER))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, LIST_HEADER, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(12)
        for row in _list_rows(items):
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.paragraphs[0].add_run(text).font.size = Pt(12)
        _line(document, "", 6)
    return _save(document)


# --- decision ----------------------------------------------------------------------


def decision_spec(decision: AwardDecision) -> DocumentSpec:
    rnd = decision.round
    noms = list(
        decision.nominations.select_related(
            "staff", "staff__unit", "collective", "round", "round__unit"
        )
    )
    head = AUTHORITY_TITLES.get(rnd.authority, "Thủ trưởng")
    body: list = []
    groups = _grouped(noms)
    parts = []
    for title, items in groups:
        who = "tập thể" if items[0].collective_id else "cá nhân"
        verb = "Tặng" if title in AWARD_FORMS else "Công nhận danh hiệu"
        parts.append(f"{verb} {title_label(title)} cho {len(items):02d} {who}")
    body.append(
        Article(
            "",
            (
                "; ".join(parts) + f" của {rnd.unit.name} đã có thành tích trong năm {rnd.year} "
                "(có danh sách kèm theo).",
            ),
        )
    )
    money = decision_money(decision)
    amounts = {r.nomination.pk: r.amount for r in money["rows"]}
    for title, items in groups:
        rows = [
            (*r[:4], _money_cell(amounts.get(n.pk)))
            for r, n in zip(_list_rows(items), items, strict=True)
        ]
        body.append(
            Table(
                header_rows=(
                    ("TT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị", "Tiền thưởng"),
                ),
                rows=tuple(rows),
                caption=title_label(title),
            )
        )
    if money["total"]:
        body.append(
            Article(
                "",
                (
                    f"Tổng số tiền thưởng: {format_number(money['total'])} đồng "
                    f"(theo {money['basis']}).",
                ),
            )
        )
    body.append(
        Article(
            "",
            (
                "Khen thưởng theo đúng quy định của Luật Thi đua, khen thưởng; mỗi thành tích "
                "chỉ được khen thưởng một lần.",
            ),
        )
    )
    body.append(
        Article(
            "",
            (
                f"Chánh Văn phòng, Thủ trưởng {rnd.unit.name} và các tập thể, cá nhân có tên "
                "tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
            ),
        )
    )
    return DocumentSpec(
        issuer=issuer_of(decision.issuer),
        doc_type="quyet_dinh",
        title=f"Về việc khen thưởng thành tích năm {rnd.year}",
        number=decision.number,
        place=decision.issuer.place_name,
        issued_on=decision.signed_on,
        decision_authority=f"{head} {decision.issuer.name}",
        legal_bases=(
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            f"Xét đề nghị của {rnd.unit.name}",
        ),
        body=tuple(body),
        signer=_signer_for(decision.issuer, decision.signer_name, decision.signer_position),
        recipients=("Như Điều 3",),
        archive_unit="VP",
    )


def _money_cell(amount: int | None) -> str:
    return f"{format_number(amount)} đồng" if amount else "—"


def decision_docx(decision: AwardDecision) -> bytes:
    try:
        return render_docx(decision_spec(decision))
    except SpecError as exc:
        raise _docx_error(exc) from None


# --- certificates ------------------------------------------------------------------


def _certificate(document, n: Nomination, decision: AwardDecision, first: bool) -> None:
    if not first:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    rnd = n.round
    issuer = decision.issuer
    head = AUTHORITY_TITLES.get(rnd.authority, "Thủ trưởng")
    _line(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    _line(document, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, space=18)
    _line(document, f"{head} {issuer.name}".upper(), 15, bold=True, space=6)
    _line(document, "TẶNG" if n.title in AWARD_FORMS else "CÔNG NHẬN", 15, bold=True, space=6)
    form = AWARD_FORMS.get(n.title)
    if form is not None:
        _line(document, form, 36, bold=True, space=12)
    else:
        _line(document, "DANH HIỆU", 20, bold=True)
        _line(document, title_label(n.title).upper(), 30, bold=True, space=12)
    staff = n.staff
    if staff is not None:
        prefix = {"nam": "Ông ", "nu": "Bà "}.get(staff.gender, "")
        _line(document, f"{prefix}{staff.full_name}", 24, bold=True, space=4)
        detail = ", ".join(x for x in (staff.position, staff.unit.name) if x)
        _line(document, detail, 15, italic=True, space=10)
    else:
        assert n.collective is not None  # a nomination names a person or a collective
        _line(document, n.collective.name, 24, bold=True, space=10)
    text = n.achievement or f"Đã có thành tích xuất sắc trong năm {n.year}"
    _line(document, text.rstrip(".") + ".", 15, space=14)
    _line(
        document,
        f"Quyết định số {decision.symbol} {format_date_long(decision.signed_on)}",
        13,
        italic=True,
    )
    place = issuer.place_name or ""
    _line(
        document,
        f"{place + ', ' if place else ''}{format_date_long(decision.signed_on)}",
        14,
        italic=True,
        space=4,
    )
    _line(document, decision.signer_position.upper(), 14, bold=True, space=48)
    _line(document, decision.signer_name, 14, bold=True)


def certificates_docx(
    decision: AwardDecision, nominations: list[Nomination] | None = None
) -> bytes:
    noms = nominations
    if noms is None:
        noms = list(
            decision.nominations.select_related(
                "staff", "staff__unit", "collective", "round", "round__unit"
            ).order_by("pk")
        )
    if not noms:
        raise PaperworkError("Quyết định này không có đề nghị nào để in giấy khen.")
    document = _new_doc(landscape=True)
    for i, n in enumerate(noms):
        _certificate(document, n, decision, first=i == 0)
    return _save(document)


def to_pdf(docx_bytes: bytes) -> bytes:
    """PDF through LibreOffice; ConversionError (message_vi) when it is missing or fails."""
    return convert_to_pdf(
        docx_bytes,
        getattr(settings, "DANVAN_SOFFICE", "soffice"),
        timeout_s=float(getattr(settings, "DANVAN_EXTRACT_TIMEOUT_S", 120)),
    )
