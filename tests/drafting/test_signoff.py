"""Plans and submissions (tờ trình) go through the head too: proposed, returned
with a reason or issued (a number, locked); issuing a plan's document issues the plan."""

import pytest
from django.core.exceptions import PermissionDenied

from danvan.core.errors import DomainError
from danvan.drafting import services, signoff
from danvan.drafting.models import DraftStatus
from danvan.planning.models import Plan, PlanStatus


@pytest.fixture
def no_pdf(settings):
    settings.DANVAN_SOFFICE = "/nonexistent/soffice"


def _submission(world, user):
    return services.draft_submission(
        user,
        unit=world.units["ttdvvl"],
        title="Đề nghị tặng Giấy khen năm 2025",
        addressees=["Sở Lao động – Thương binh và Xã hội tỉnh Sơn La"],
        legal_bases=[],
        paragraphs=["Trung tâm đã hoàn thành xuất sắc nhiệm vụ năm 2025."],
        table_header=["STT", "Họ và tên"],
        table_rows=[["1", "Hà Thị Thu"]],
        proposal="Trung tâm kính trình Sở xem xét, quyết định",
    )


def test_a_submission_is_proposed_returned_then_issued_by_the_head(full_world, no_pdf):
    officer = full_world.users["canbo.ttdvvl"]
    head = full_world.users["giamdoc.ttdvvl"]
    superior = full_world.users["thamdinh.sldtbxh"]
    draft = _submission(full_world, officer)
    with pytest.raises(PermissionDenied):
        signoff.propose_draft(superior, draft)
    draft = signoff.propose_draft(officer, draft)
    assert draft.status == DraftStatus.PENDING
    assert list(signoff.drafts_waiting_for_head(head)) == [draft]
    assert list(signoff.drafts_waiting_for_head(superior)) == []
    with pytest.raises(PermissionDenied):
        signoff.decline_draft(officer, draft, "tự trả")
    with pytest.raises(DomainError):
        signoff.decline_draft(head, draft, " ")
    draft = signoff.decline_draft(head, draft, "Bổ sung thành tích năm 2025")
    assert (
        draft.status == DraftStatus.DRAFT and draft.return_reason == "Bổ sung thành tích năm 2025"
    )
    draft = signoff.propose_draft(officer, draft)
    assert draft.return_reason == ""
    gen = services.issue_draft(head, draft, version=draft.version)
    gen.draft.refresh_from_db()
    assert gen.draft.is_issued and gen.draft.symbol.endswith("/TTr-TTDVVL")
    with pytest.raises(DomainError):
        signoff.propose_draft(officer, gen.draft)


def test_issuing_a_plans_document_issues_the_plan_under_its_number(full_world, no_pdf):
    officer = full_world.users["canbo.ttdvvl"]
    head = full_world.users["giamdoc.ttdvvl"]
    plan = Plan.objects.filter(unit=full_world.units["ttdvvl"], tasks__isnull=False).first()
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT, number="")
    draft = signoff.propose_draft(officer, services.draft_from_plan(officer, plan))
    gen = services.issue_draft(head, draft, version=draft.version)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.number == gen.draft.symbol
