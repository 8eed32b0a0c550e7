import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from danvan.accounts.models import Role, RoleKind
from danvan.audit.models import AuditEntry
from danvan.citizens import dialogues, services
from danvan.citizens.models import Kind, Petition, Reception, Stage
from danvan.core.errors import DomainError
from danvan.core.workdays import add_working_days

TODAY = dt.date(2026, 3, 16)


def _petition(officer, unit, **kw):
    data = dict(
        unit=unit,
        received_on=dt.date(2026, 3, 2),
        kind=Kind.KHIEU_NAI,
        subject="Khiếu nại quyết định không hưởng trợ cấp.",
        complainant_name="Lò Văn Pấng",
        complainant_address="bản Mòng",
        complainant_id_number="014085001234",
        today=TODAY,
    )
    data.update(kw)
    return services.receive_petition(officer, **data)


def test_a_petition_walks_from_receipt_to_closure_with_deadlines(world, officer, head, units):
    p = _petition(officer, units["ttdvvl"])
    assert p.process_due == dt.date(2026, 3, 16)  # 10 working days
    p = services.classify(
        officer, p, kind=Kind.KHIEU_NAI, eligible=True, competent=True, today=TODAY
    )
    p = services.accept(head, p, on=dt.date(2026, 3, 9), today=TODAY)
    # 30 working days from Monday 09/03/2026 across 30/4 and 1/5 (Thu, Fri).
    assert p.due_on == dt.date(2026, 4, 20)
    assert p.current_due == p.due_on
    p = services.assign(head, p, assignee=officer, today=TODAY)
    p = services.record_verification(officer, p, text="Đã xác minh.", today=TODAY)
    p = services.conclude(head, p, text="Khiếu nại đúng một phần.", on=TODAY, today=TODAY)
    assert p.on_time is True and p.current_due is None
    p = services.reply(officer, p, text="Đã trả lời.", on=TODAY, today=TODAY)
    p = services.close(officer, p, today=TODAY)
    assert p.stage == Stage.CLOSED
    assert [e.stage for e in p.events.all()][-1] == Stage.CLOSED


def test_remote_complex_complaints_get_sixty_days(world, officer, head, units):
    p = _petition(officer, units["ttdvvl"])
    services.classify(
        officer,
        p,
        kind=Kind.KHIEU_NAI,
        eligible=True,
        competent=True,
        complex_case=True,
        remote_area=True,
        today=TODAY,
    )
    p = services.accept(head, p, on=dt.date(2026, 3, 9), today=TODAY)

    assert p.due_on == add_working_days(dt.date(2026, 3, 9), 60)


def test_a_petition_is_forwarded_once_with_a_numbered_letter(world, officer, head, units):
    p = _petition(officer, units["ttdvvl"], kind=Kind.TO_CAO)
    services.classify(officer, p, kind=Kind.TO_CAO, eligible=True, competent=False, today=TODAY)
    p = services.forward(head, p, to_name="Thanh tra tỉnh Sơn La", on=TODAY, today=TODAY)
    assert p.stage == Stage.FORWARDED and p.forward_symbol.endswith("TTDVVL")
    with pytest.raises(DomainError) as exc:
        services.forward(head, p, to_name="Công an tỉnh", on=TODAY, today=TODAY)
    assert "không chuyển lần thứ hai" in exc.value.message
    assert p.forward_symbol in exc.value.message


def test_only_the_head_forwards(world, officer, units):
    p = _petition(officer, units["ttdvvl"])
    with pytest.raises(PermissionDenied):
        services.forward(officer, p, to_name="Thanh tra tỉnh", today=TODAY)


def test_a_duplicate_from_the_same_citizen_is_filed_not_handled_twice(world, officer, units):
    first = _petition(officer, units["ttdvvl"])
    again = _petition(
        officer, units["ttdvvl"], complainant_name="lò  văn pấng", received_on=dt.date(2026, 3, 10)
    )
    assert again.duplicate_of_id == first.pk and again.stage == Stage.FILED
    assert again.current_due is None
    assert "Lò Văn Pấng" not in again.note


def test_an_anonymous_denunciation_is_kept_but_never_accepted(world, officer, head, units):
    p = services.receive_petition(
        officer,
        unit=units["ttdvvl"],
        received_on=TODAY,
        kind=Kind.TO_CAO,
        subject="Thư không ký tên.",
        today=TODAY,
    )
    assert p.anonymous and p.eligible is False
    with pytest.raises(DomainError):
        services.accept(head, p, today=TODAY)
    with pytest.raises(DomainError):
        services.classify(officer, p, kind=Kind.TO_CAO, eligible=True, competent=True, today=TODAY)


def test_future_dates_are_refused_without_storing(world, officer, units):

    with pytest.raises(DomainError) as exc:
        services.record_reception(
            officer,
            unit=units["ttdvvl"],
            received_on=TODAY + dt.timedelta(days=1),
            content="x",
            citizen_name="Lò Văn Pấng",
            today=TODAY,
        )
    assert "sau ngày hôm nay" in exc.value.message and "Pấng" not in exc.value.message
    with pytest.raises(DomainError):
        _petition(officer, units["ttdvvl"], received_on=dt.date(2026, 4, 1))
    assert not Reception.objects.exists() and not Petition.objects.exists()


def test_denunciation_extensions_stop_at_the_legal_count(world, officer, head, units):
    p = _petition(officer, units["ttdvvl"], kind=Kind.TO_CAO)
    services.classify(
        officer, p, kind=Kind.TO_CAO, eligible=True, competent=True, complex_case=True, today=TODAY
    )
    p = services.accept(head, p, on=dt.date(2026, 3, 9), today=TODAY)
    first_due = p.due_on
    p = services.extend(head, p, reason="Phải xác minh tại hai địa điểm.", today=TODAY)
    assert p.due_on > first_due and p.extensions == 1
    with pytest.raises(DomainError):
        services.extend(head, p, reason="Lần hai.", today=TODAY)


def test_personal_data_is_shown_only_to_the_unit_and_every_view_is_audited(
    world, officer, head, reviewer, outsider, units
):
    p = _petition(officer, units["ttdvvl"])
    assert services.show_person(reviewer, p)["name"] == services.HIDDEN
    assert services.show_person(world.admin, p)["name"] == services.HIDDEN
    before = AuditEntry.objects.filter(verb="view_personal").count()
    assert services.show_person(head, p)["name"] == "Lò Văn Pấng"
    assert AuditEntry.objects.filter(verb="view_personal").count() == before + 1
    for entry in AuditEntry.objects.all():
        assert "Pấng" not in str(entry.changes), {
            k: v for k, v in entry.changes.items() if "Pấng" in str(v)
        }
        assert "Pấng" not in entry.object_repr
        assert "014085001234" not in str(entry.changes)


def test_a_denunciators_identity_is_for_its_handlers_only(world, officer, head, units):

    other = get_user_model().objects.create(username="canbo2.ttdvvl")
    Role.objects.create(user=other, unit=units["ttdvvl"], kind=RoleKind.OFFICER)
    p = _petition(officer, units["ttdvvl"], kind=Kind.TO_CAO)
    assert services.show_person(other, p)["name"] == services.HIDDEN
    assert services.show_person(officer, p)["name"] == "Lò Văn Pấng"  # received it
    assert services.show_person(head, p)["name"] == "Lò Văn Pấng"


def test_a_dialogue_commitment_is_followed_up(world, officer, units):
    d = dialogues.create_dialogue(
        officer,
        unit=units["ttdvvl"],
        held_on=TODAY,
        title="Đối thoại",
        chaired_by="Giám đốc",
        today=TODAY,
    )
    c = dialogues.add_commitment(
        officer,
        d,
        content="Làm rõ thủ tục.",
        owner="Phòng BHTN",
        due_on=TODAY + dt.timedelta(days=10),
    )
    c = dialogues.follow_up(officer, c, status="done", note="Đã xong.", today=TODAY)
    assert c.done_on == TODAY and "Đã xong." in c.follow_up
    with pytest.raises(DomainError):
        dialogues.add_commitment(
            officer, d, content="x", owner="y", due_on=TODAY - dt.timedelta(days=1)
        )


def test_overdue_and_due_soon_lists(world, officer, units):

    late = _petition(officer, units["ttdvvl"], received_on=dt.date(2026, 2, 2))
    soon = _petition(
        officer,
        units["ttdvvl"],
        received_on=dt.date(2026, 3, 5),
        complainant_name="Quàng Thị Xuân",
        complainant_id_number="",
    )
    qs = Petition.objects.all()
    assert list(services.overdue(qs, TODAY)) == [late]
    assert list(services.due_soon(qs, TODAY)) == [soon]
