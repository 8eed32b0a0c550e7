"""Drafting services: drafts from data, bad input, the register, templates, files."""

from __future__ import annotations

import datetime as dt
import io
import stat
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from docx import Document

from danvan.audit.models import AuditEntry
from danvan.core.errors import DomainError
from danvan.core.render import check_layout
from danvan.drafting import services
from danvan.drafting.models import Draft, GeneratedDocument, HouseTemplate, IssuedNumber

from .helpers import new_request


def docx_text(gen: GeneratedDocument) -> str:
    with gen.docx.open("rb") as fh:
        doc = Document(io.BytesIO(fh.read()))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


@pytest.fixture
def no_pdf(settings):
    settings.DANVAN_SOFFICE = "/nonexistent/soffice"


def test_a_report_with_no_values_still_drafts_and_says_so(full_world, no_pdf):
    from danvan.planning.models import Indicator

    req = new_request(
        full_world,
        headings=[("1.", "Kết quả", "")],
        indicators=[Indicator.objects.get(code="TCD")],
    )
    rep = req.reports.get(unit=full_world.units["ttdvvl"])
    draft = services.draft_from_report(full_world.users["canbo.ttdvvl"], rep)
    texts = [b.get("text", "") for b in draft.content["body"]]
    assert "Chưa có số liệu chỉ tiêu trong kỳ báo cáo." in texts
    assert any("chưa có số liệu" in n for n in draft.content["notes"])
    gen = services.generate(full_world.users["canbo.ttdvvl"], draft)
    assert gen.docx_size > 0
    assert "Chưa có số liệu chỉ tiêu" in docx_text(gen)


def test_a_two_hundred_heading_outline_drafts_and_renders(full_world, no_pdf):
    from danvan.planning.models import Indicator

    headings = [(f"{i}.", f"Nội dung số {i}", "") for i in range(1, 201)]
    req = new_request(full_world, headings=headings, indicators=[Indicator.objects.get(code="TCD")])
    rep = req.reports.get(unit=full_world.units["ttdvvl"])
    draft = services.draft_from_report(full_world.users["canbo.ttdvvl"], rep)
    level1 = [b for b in draft.content["body"] if b["k"] == "heading" and b["level"] == 1]
    assert len(level1) == 200
    gen = services.generate(full_world.users["canbo.ttdvvl"], draft)
    text = docx_text(gen)
    assert "CC. NỘI DUNG SỐ 200" in text
    with gen.docx.open("rb") as fh:
        assert check_layout(fh.read()) == []


def test_a_unit_without_a_short_code_gets_a_draft_with_dots_and_cannot_issue(full_world, no_pdf):
    from danvan.orgunits import services as us
    from danvan.orgunits.models import UnitKind

    unit = us.create_unit(
        full_world.admin,
        parent=full_world.units["ttdvvl"],
        kind=UnitKind.PHONG,
        name="Phòng Thử nghiệm",
        short_code="",
        place_name="Sơn La",
    )
    head = full_world.users["giamdoc.ttdvvl"]
    draft = services.draft_document(
        head,
        unit=unit,
        doc_type="thong_bao",
        title="Lịch làm việc",
        paragraphs=["Phòng làm việc từ thứ Hai đến thứ Sáu."],
        signer={"name": "Lò Thị Anh Hoa", "position": "Trưởng phòng"},
    )
    gen = services.generate(head, draft)
    assert "Số: .../..." in docx_text(gen)
    assert any("chưa có tên viết tắt" in w for w in gen.warnings)
    with pytest.raises(DomainError, match="tên viết tắt"):
        services.issue_draft(head, draft, version=draft.version)
    draft.refresh_from_db()
    assert not draft.is_issued
    assert not IssuedNumber.objects.filter(unit=unit).exists()


def test_issuing_assigns_numbers_from_01_per_type_and_year_and_locks(report, no_pdf):
    head = report.unit.roles.filter(kind="head").first().user
    first = services.draft_from_report(head, report)
    second = services.draft_from_report(head, report)
    plan_draft = services.draft_document(
        head, unit=report.unit, doc_type="ke_hoach", title="Kế hoạch thử", paragraphs=["Nội dung."]
    )
    g1 = services.issue_draft(head, first, version=first.version, issued_on=dt.date(2026, 1, 5))
    g2 = services.issue_draft(head, second, version=second.version, issued_on=dt.date(2026, 2, 1))
    g3 = services.issue_draft(
        head, plan_draft, version=plan_draft.version, issued_on=dt.date(2026, 2, 1)
    )
    assert [g.draft.symbol for g in (g1, g2, g3)] == [
        "01/BC-TTDVVL",
        "02/BC-TTDVVL",
        "01/KH-TTDVVL",
    ]
    assert g1.issued and "Số: 01/BC-TTDVVL" in docx_text(g1)
    assert "Sơn La, ngày 05 tháng 01 năm 2026" in docx_text(g1)
    old = services.draft_from_report(head, report)
    g4 = services.issue_draft(head, old, version=old.version, issued_on=dt.date(2025, 12, 30))
    assert g4.draft.symbol == "01/BC-TTDVVL"  # a new calendar year starts again at 01
    with pytest.raises(DomainError, match="đã ban hành"):
        services.issue_draft(head, first)
    with pytest.raises(DomainError, match="đã khóa"):
        services.update_draft(head, first, version=first.version + 1, title="Khác")


def test_regenerating_an_issued_document_makes_a_new_draft_and_keeps_the_issued_file(
    report, no_pdf
):
    head = report.unit.roles.filter(kind="head").first().user
    draft = services.draft_from_report(head, report)
    issued = services.issue_draft(head, draft, version=draft.version)
    before = (issued.docx_sha256, issued.docx.name)
    again = services.generate(head, draft)
    assert again.draft_id != draft.pk
    assert again.draft.derived_from_id == draft.pk
    assert not again.draft.is_issued and again.draft.number is None
    issued.refresh_from_db()
    assert (issued.docx_sha256, issued.docx.name) == before
    assert draft.files.count() == 1


def test_each_generation_is_a_new_version_never_overwriting_files(report, no_pdf):
    officer = report.unit.roles.filter(kind="officer").first().user
    draft = services.draft_from_report(officer, report)
    a = services.generate(officer, draft)
    b = services.generate(officer, draft)
    assert (a.version, b.version) == (1, 2)
    assert a.docx.name != b.docx.name
    assert len(a.docx_sha256) == 64


def test_numbers_stay_unique_even_if_two_issues_collide(report):
    from danvan.drafting.models import NumberRegister

    unit = report.unit
    reg = NumberRegister.objects.create(unit=unit, doc_type="bao_cao", year=2026)
    IssuedNumber.objects.create(
        register=reg,
        unit=unit,
        doc_type="bao_cao",
        year=2026,
        number=1,
        symbol="01/BC-TTDVVL",
        issued_on=dt.date(2026, 1, 1),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedNumber.objects.create(
            register=reg,
            unit=unit,
            doc_type="bao_cao",
            year=2026,
            number=1,
            symbol="01/BC-TTDVVL",
            issued_on=dt.date(2026, 1, 2),
        )


def test_the_register_serves_other_apps_and_refuses_a_taken_number(full_world):
    head = full_world.users["thamdinh.sldtbxh"]
    unit = full_world.units["sldtbxh"]
    day = dt.date(2026, 3, 1)
    assert services.next_number(unit, "quyet_dinh", 2026) == 1
    one = services.issue_number(
        head, unit=unit, doc_type="quyet_dinh", issued_on=day, source="emulation"
    )
    assert one.symbol == "01/QĐ-SLĐTBXH" and one.source == "emulation"
    five = services.issue_number(head, unit=unit, doc_type="quyet_dinh", issued_on=day, number=5)
    assert five.symbol == "05/QĐ-SLĐTBXH"
    assert services.next_number(unit, "quyet_dinh", 2026) == 6
    with pytest.raises(DomainError, match="đã được cấp"):
        services.issue_number(head, unit=unit, doc_type="quyet_dinh", issued_on=day, number=5)
    with pytest.raises(PermissionDenied):
        services.issue_number(
            full_world.users["canbo.ttdvvl"], unit=unit, doc_type="quyet_dinh", issued_on=day
        )


def test_a_party_body_gets_the_party_heading_and_number_form(full_world, no_pdf):
    from danvan.reporting.models import ReportRequest

    bdvtu = full_world.units["bdvtu"]
    reviewer = full_world.users["bandanvan"]
    req = ReportRequest.objects.filter(requester_unit=bdvtu).first()
    draft = services.draft_combined_report(reviewer, req)
    assert draft.unit == bdvtu
    gen = services.generate(reviewer, draft)
    text = docx_text(gen)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "CỘNG HÒA XÃ HỘI" not in text
    head = full_world.admin
    issued = services.issue_draft(head, draft, version=draft.version + 0)
    assert issued.draft.symbol == "01-BC/BDVTU"


def test_the_combined_report_rolls_up_units_and_quotes_their_sections(full_world):
    from danvan.reporting.models import ReportRequest

    req = ReportRequest.objects.get(requester_unit=full_world.units["bdvtu"])
    draft = services.draft_combined_report(full_world.users["bandanvan"], req)
    body = draft.content["body"]
    figures = {b["trace"].get("indicator"): b for b in body if b["k"] == "figure"}
    assert Decimal(figures["DVK_MH"]["trace"]["value"]) == 6  # 4 + 2 from two units
    assert Decimal(figures["TCD"]["trace"]["value"]) == 55
    assert len(figures["TCD"]["trace"]["value_ids"]) == 2
    quotes = [b["text"] for b in body if b["k"] == "para" and "“" in b["text"]]
    assert any(q.startswith("Sở Lao động") and "Chỉ thị số 11-CT/TU" in q for q in quotes)
    count = figures[""]
    assert count["text"].endswith("2/3 đơn vị đã gửi báo cáo.")


def test_only_the_requester_side_may_draft_the_combined_report(full_world):
    from danvan.reporting.models import ReportRequest

    req = ReportRequest.objects.get(requester_unit=full_world.units["bdvtu"])
    with pytest.raises(PermissionDenied):
        services.draft_combined_report(full_world.users["canbo.ttdvvl"], req)


def test_draft_submission_takes_plain_data_and_cites_bases_per_decree_30(full_world, no_pdf):
    head = full_world.users["giamdoc.ttdvvl"]
    basis = (
        "Chỉ thị số 11-CT/TU ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy về đẩy mạnh thực hiện "
        "phong trào thi đua “Dân vận khéo”"
    )
    draft = services.draft_submission(
        head,
        unit=full_world.units["ttdvvl"],
        title="Đề nghị tặng Giấy khen năm 2025",
        addressees=["Sở Lao động – Thương binh và Xã hội tỉnh Sơn La"],
        legal_bases=[basis, basis],
        paragraphs=["Trung tâm đã hoàn thành xuất sắc nhiệm vụ năm 2025."],
        table_header=["STT", "Họ và tên", "Chức vụ"],
        table_rows=[["1", "Hà Thị Thu", "Chuyên viên"]],
        proposal="Trung tâm kính trình Sở xem xét, quyết định",
        source_ref="emulation.round:1",
    )
    assert draft.doc_type == "to_trinh" and draft.source == "submission"
    texts = [b.get("text", "") for b in draft.content["body"]]
    assert texts[0].startswith("Căn cứ Chỉ thị số 11-CT/TU ngày 28/9/2021 của Ban Thường vụ")
    assert texts[1] == "Căn cứ Chỉ thị số 11-CT/TU;"  # the second mention: type and number
    gen = services.generate(head, draft)
    text = docx_text(gen)
    assert "TỜ TRÌNH" in text and "Hà Thị Thu" in text and "Kính gửi" in text


def test_a_missing_libreoffice_leaves_a_clear_message_and_the_docx(report, settings):
    settings.DANVAN_SOFFICE = "/nonexistent/soffice"
    officer = report.unit.roles.filter(kind="officer").first().user
    gen = services.generate(officer, services.draft_from_report(officer, report))
    assert not gen.pdf
    assert "chưa cài LibreOffice" in gen.pdf_message and "DOCX vẫn được lưu" in gen.pdf_message
    assert gen.docx_size > 0


def test_a_hanging_libreoffice_is_stopped_at_the_time_limit(report, settings, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    settings.DANVAN_SOFFICE = str(fake)
    settings.DANVAN_PDF_TIMEOUT_S = 1
    officer = report.unit.roles.filter(kind="officer").first().user
    gen = services.generate(officer, services.draft_from_report(officer, report))
    gen.refresh_from_db()
    assert not gen.pdf
    assert "quá 1 giây" in gen.pdf_message
    assert gen.docx_size > 0


def test_a_broken_template_is_refused_naming_the_placeholder_and_nothing_is_saved(full_world):
    doc = Document()
    doc.add_paragraph("Số: {{ so_ky_hieu }}")
    doc.add_paragraph("Ngày {{ ngay_thang_nam")
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(DomainError) as err:
        services.upload_template(
            full_world.admin,
            unit=full_world.units["ttdvvl"],
            doc_type="bao_cao",
            name="Mẫu lỗi",
            filename="mau.docx",
            data=buf.getvalue(),
        )
    assert "{{ ngay_thang_nam" in err.value.message
    assert not HouseTemplate.objects.exists()


def test_an_unknown_placeholder_is_named(full_world):
    doc = Document()
    doc.add_paragraph("{{ so_hieu }}")
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(DomainError, match="so_hieu"):
        services.upload_template(
            full_world.admin,
            unit=full_world.units["ttdvvl"],
            doc_type="bao_cao",
            name="Mẫu",
            filename="mau.docx",
            data=buf.getvalue(),
        )


def test_a_valid_house_template_is_used_for_the_next_generation(full_world, report, no_pdf):
    admin = full_world.admin
    tpl = services.upload_template(
        admin,
        unit=report.unit,
        doc_type="bao_cao",
        name="Mẫu riêng",
        filename="mau.docx",
        data=services.example_template(),
    )
    assert "so_ky_hieu" in tpl.placeholders
    draft = services.draft_from_report(admin, report)
    draft = services.set_template(admin, draft, tpl, version=draft.version)
    gen = services.generate(admin, draft)
    assert gen.template_name == "Mẫu riêng"
    text = docx_text(gen)
    assert "TRUNG TÂM DỊCH VỤ VIỆC LÀM SƠN LA" in text and "{{" not in text


def test_a_retired_house_template_is_kept_inactive_and_the_change_logged(full_world, report):
    admin = full_world.admin
    tpl = services.upload_template(
        admin,
        unit=report.unit,
        doc_type="bao_cao",
        name="Mẫu cũ",
        filename="mau.docx",
        data=services.example_template(),
    )
    services.deactivate_template(admin, tpl)
    tpl.refresh_from_db()
    assert tpl.active is False
    entry = AuditEntry.objects.get(
        object_type="drafting.housetemplate", object_id=str(tpl.pk), action=AuditEntry.UPDATE
    )
    assert entry.changes == {"active": [True, False]}
    assert entry.unit_id == report.unit_id


def test_an_officer_may_not_upload_templates_or_issue(report):
    officer = report.unit.roles.filter(kind="officer").first().user
    with pytest.raises(PermissionDenied):
        services.upload_template(
            officer,
            unit=report.unit,
            doc_type="bao_cao",
            name="x",
            filename="x.docx",
            data=services.example_template(),
        )
    draft = services.draft_from_report(officer, report)
    with pytest.raises(PermissionDenied):
        services.issue_draft(officer, draft, version=draft.version)


def test_a_stale_edit_is_refused_and_the_saved_text_kept(report):
    officer = report.unit.roles.filter(kind="officer").first().user
    draft = services.draft_from_report(officer, report)
    services.update_draft(officer, draft, version=draft.version, title="Bản của người thứ nhất")
    with pytest.raises(DomainError, match="vừa được người khác sửa"):
        services.update_draft(officer, draft, version=draft.version, title="Bản cũ")
    assert Draft.objects.get(pk=draft.pk).title == "Bản của người thứ nhất"


def test_editing_keeps_figures_and_splits_paragraphs(report):
    officer = report.unit.roles.filter(kind="officer").first().user
    draft = services.draft_from_report(officer, report)
    first_para = next(i for i, b in enumerate(draft.content["body"]) if b["k"] == "para")
    figures_before = [b for b in draft.content["body"] if b["k"] == "figure"]
    draft = services.update_draft(
        officer,
        draft,
        version=draft.version,
        block_texts={first_para: "Đoạn một.\n\nĐoạn hai."},
        signer={"name": "Trần Văn Dũng", "position": "Giám đốc", "authority": ""},
    )
    texts = [b.get("text") for b in draft.content["body"]]
    assert "Đoạn một." in texts and "Đoạn hai." in texts
    assert [b for b in draft.content["body"] if b["k"] == "figure"] == figures_before
    assert draft.content["signer"]["name"] == "Trần Văn Dũng"
    with pytest.raises(DomainError, match="chức danh"):
        services.update_draft(
            officer,
            draft,
            version=draft.version,
            signer={"name": "A", "position": "Phó Giám đốc", "authority": "KT"},
        )


def test_the_combined_report_of_units_under_the_requester_uses_grouped_roll_ups(full_world):
    from danvan.reporting.models import ReportRequest

    req = ReportRequest.objects.get(number="95/SLĐTBXH-VP")
    draft = services.draft_combined_report(full_world.users["thamdinh.sldtbxh"], req)
    figures = {
        b["trace"].get("indicator"): b["trace"] for b in draft.content["body"] if b["k"] == "figure"
    }
    # Sent: TTDVVL (accepted) and TTCTXH (late); returned and never-sent units do not count.
    assert Decimal(figures["TV_LUOT"]["value"]) == 9350 + 640
    assert Decimal(figures["TV_LUOT"]["target"]) == 9000 + 1300
    assert figures["TV_LUOT"]["target_is_annual"] is True
    assert figures[""]["value"] == "2" and figures[""]["target"] == "4"
