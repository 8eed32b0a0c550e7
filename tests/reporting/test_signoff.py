"""The sign-off chain inside a unit: officer → head (or deputy, KT.) → requester,
each transition and each refusal; the reviewer's inbox and “Nhắc hạn”."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from danvan.audit.models import AuditEntry
from danvan.core.errors import DomainError
from danvan.drafting.access import drafts_for
from danvan.drafting.models import Draft, IssuedNumber
from danvan.drafting.signoff import signed_document
from danvan.reporting import services
from danvan.reporting.models import Reminder, ReportRequest, ReportStatus, UnitReport
from danvan.reporting.views.inbox import to_review

from .chain import send_up, sign


def _request(demo, ind, reviewer, title="Báo cáo thử chuỗi ký"):
    return services.create_request(
        reviewer,
        requester_unit=demo.units["sldtbxh"],
        title=title,
        period="2024-H1",
        deadline=dt.date(2024, 6, 20),
        units=[demo.units["ttdvvl"]],
        indicators=[ind["TV_LUOT"], ind["KN_LD"]],
        headings=[("1.", "Kết quả", ""), ("2.", "Đề xuất", "")],
    )


@pytest.fixture
def filled(demo, ind, reviewer, officer):
    report = _request(demo, ind, reviewer).reports.get()
    return services.save_report(
        officer,
        report,
        version=1,
        values={ind["TV_LUOT"].pk: "9.100", ind["KN_LD"].pk: "1.200"},
        sections={report.request.headings.first().pk: "Tổ chức 12 hội nghị."},
    )


def test_a_report_cannot_go_up_before_the_head_signs(filled, officer):
    with pytest.raises(DomainError) as exc:
        services.submit_report(officer, filled)
    assert exc.value.code == "not_signed" and "Trình lãnh đạo duyệt" in exc.value.message


def test_proposing_locks_the_report_and_only_the_units_head_signs(
    filled, officer, head, reviewer, ind
):
    report = services.propose_report(officer, filled)
    assert report.status == ReportStatus.PENDING
    lock = services.lock_info(report, officer)
    assert not lock.editable and lock.kind == "pending"
    with pytest.raises(DomainError):
        services.save_report(officer, report, version=report.version, values={})
    signer = services.Signer("Lò Thị Anh Hoa", "Giám đốc")
    # Neither the officer nor the superior's head/reviewer signs for the unit.
    for other in (officer, reviewer):
        with pytest.raises(PermissionDenied):
            services.sign_report(other, report, signer)
    report = services.sign_report(head, report, signer)
    assert report.status == ReportStatus.SIGNED and report.signed_by == head
    assert report.signed_symbol.endswith("/BC-TTDVVL")
    entry = IssuedNumber.objects.get(symbol=report.signed_symbol, year=report.signed_on.year)
    assert entry.draft.report_id == report.pk and entry.draft.is_issued
    assert services.lock_info(report, officer).kind == "signed"


def test_a_deputy_signs_kt_for_the_head(filled, officer, head):
    report = services.propose_report(officer, filled)
    signer = services.Signer("Lò Thị Anh Hoa", "Phó giám đốc", "Giám đốc")
    report = services.sign_report(head, report, signer)
    assert report.signer_text == "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC Lò Thị Anh Hoa"
    doc = signed_document(report)
    assert doc.content["signer"]["authority"] == "KT"
    assert doc.content["signer"]["on_behalf_of"] == "Giám đốc"


def test_the_signed_documents_figures_are_the_reports_values(filled, officer, head):
    report = sign(officer, filled, head)
    doc = signed_document(report)
    text = str(doc.content)
    assert "9.100" in text and "1.200" in text
    assert doc.request_id == report.request_id and doc.symbol == report.signed_symbol


def test_the_head_returns_a_proposal_with_a_reason(filled, officer, head):
    report = services.propose_report(officer, filled)
    with pytest.raises(DomainError):
        services.decline_report(head, report, "  ")
    with pytest.raises(PermissionDenied):
        services.decline_report(officer, report, "tự trả")
    report = services.decline_report(head, report, "Bổ sung mục 2")
    assert report.status == ReportStatus.RETURNED and report.return_reason == "Bổ sung mục 2"
    lock = services.lock_info(report, officer)
    assert lock.editable and "Bổ sung mục 2" in lock.message
    assert report.events.filter(kind="decline", reason="Bổ sung mục 2").exists()
    # Proposed again, signed this time.
    assert services.propose_report(officer, report).status == ReportStatus.PENDING


def test_the_officer_withdraws_a_proposal_the_head_has_not_decided(filled, officer, head):
    report = services.propose_report(officer, filled)
    report = services.recall_report(officer, report)
    assert report.status == ReportStatus.DRAFT
    with pytest.raises(DomainError):
        services.sign_report(head, report, services.Signer("Lò Thị Anh Hoa", "Giám đốc"))


def test_a_superior_can_neither_edit_nor_send_a_subordinates_report(
    filled, officer, head, reviewer
):
    """The Sở's reviewer is also the Sở's head: a right over the subtree, not the unit."""
    with pytest.raises(PermissionDenied):
        services.save_report(reviewer, filled, version=filled.version, values={})
    with pytest.raises(PermissionDenied):
        services.propose_report(reviewer, filled)
    report = sign(officer, filled, head)
    with pytest.raises(PermissionDenied):
        services.submit_report(reviewer, report)
    report = services.submit_report(officer, report)
    assert report.status == ReportStatus.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.recall_report(reviewer, report)


def test_the_cross_tree_requester_sees_the_data_and_the_signed_document(demo):
    """The Ban Dân vận (another branch) reads the Sở's report and its signed document
    only once it was sent; not while it is inside the Sở."""
    bandanvan = demo.users["bandanvan"]
    cross = ReportRequest.objects.get(number="215-CV/BDVTU")
    sent = cross.reports.get(unit=demo.units["sldtbxh"])
    doc = signed_document(sent)
    assert doc is not None and drafts_for(bandanvan).filter(pk=doc.pk).exists()
    assert str(doc.content).count("35") >= 1  # TCD = 35, the report's value
    inside = Draft.objects.filter(report__request__number="95/SLĐTBXH-VP").exclude(
        report__first_submitted_at__isnull=False
    )
    assert not drafts_for(bandanvan).filter(pk__in=inside.values("pk")).exists()


def test_the_outsider_never_sees_the_signed_document(filled, officer, head, outsider):
    report = send_up(officer, filled, head)
    assert not drafts_for(outsider).filter(pk=signed_document(report).pk).exists()


def test_every_step_is_written_to_the_audit_log(filled, officer, head):
    report = send_up(officer, filled, head)
    verbs = set(AuditEntry.objects.filter(object_id=str(report.pk)).values_list("verb", flat=True))
    assert {"propose", "sign", "submit"} <= verbs


def test_the_inbox_lists_overdue_units_that_never_opened_their_report(demo, reviewer):
    bandanvan = demo.users["bandanvan"]
    cross = ReportRequest.objects.get(number="215-CV/BDVTU")
    overdue = to_review(bandanvan).filter(request=cross, status=ReportStatus.DRAFT)
    assert demo.units["syt"].pk in set(overdue.values_list("unit_id", flat=True))


def test_a_reviewer_reminds_an_overdue_unit_once_a_day(demo, reviewer, officer, outsider):
    req = ReportRequest.objects.get(number="95/SLĐTBXH-VP")
    never = req.reports.get(unit=demo.units["cnmt"])
    with pytest.raises(PermissionDenied):
        services.remind_unit(officer, never)
    reminder = services.remind_unit(reviewer, never)
    assert reminder.sent_by == reviewer
    assert AuditEntry.objects.filter(object_id=str(reminder.pk), action="create").exists()
    with pytest.raises(DomainError):
        services.remind_unit(reviewer, never)
    done = req.reports.get(unit=demo.units["ttdvvl"])
    with pytest.raises(DomainError):
        services.remind_unit(reviewer, done)
    shown = services.reminders_for_unit([demo.units["cnmt"]])
    assert list(shown) == [Reminder.objects.get(pk=reminder.pk)]


def test_the_demo_shows_a_report_at_each_stage(demo):
    statuses = set(UnitReport.objects.values_list("status", flat=True))
    assert {"draft", "pending", "signed", "submitted", "returned", "accepted"} <= statuses
    assert Draft.objects.filter(report__isnull=False, status="issued").count() > 0


def test_the_inbox_page_filters_sorts_and_offers_nhac_han(demo, client_for):
    c = client_for(demo.users["bandanvan"])
    page = c.get("/bao-cao/hop-thu/?loai=qua-han&sap-xep=don-vi").content.decode()
    assert "Sở Y tế tỉnh Sơn La" in page and "Nhắc hạn" in page and "Chưa gửi" in page
    assert "Sở Y tế" not in c.get("/bao-cao/hop-thu/?loai=qua-han&q=Nội vụ").content.decode()
    assert c.get("/bao-cao/hop-thu/?loai=x&sap-xep=y&trang=abc").status_code == 200
    officer = client_for(demo.users["canbo.ttdvvl"])
    report = ReportRequest.objects.get(number="95/SLĐTBXH-VP").reports.get(unit=demo.units["cnmt"])
    assert officer.post(f"/bao-cao/nhac-han/{report.pk}/").status_code in (403, 404)


def test_a_report_still_inside_the_unit_is_reminded_like_a_draft(filled, officer):
    from django.utils import timezone

    report = services.propose_report(officer, filled)
    ReportRequest.objects.filter(pk=report.request_id).update(deadline=timezone.localdate())
    assert report in services.due_soon(UnitReport.objects.filter(pk=report.pk))
