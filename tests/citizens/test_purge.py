import datetime as dt

from django.core.management import call_command

from danvan.citizens import retention, services
from danvan.citizens.models import Kind, Petition, Reception


def test_purge_is_a_dry_run_by_default_and_blanks_only_old_records(world, officer, head, units):
    today = dt.date(2026, 3, 16)
    old = services.record_reception(
        officer,
        unit=units["ttdvvl"],
        received_on=dt.date(2020, 5, 4),
        content="Hỏi chế độ.",
        citizen_name="Lò Văn Pấng",
        today=today,
    )
    new = services.record_reception(
        officer,
        unit=units["ttdvvl"],
        received_on=dt.date(2025, 5, 4),
        content="Hỏi chế độ.",
        citizen_name="Quàng Thị Xuân",
        today=today,
    )
    open_case = services.receive_petition(
        officer,
        unit=units["ttdvvl"],
        received_on=dt.date(2014, 1, 6),
        kind=Kind.KIEN_NGHI,
        subject="Cũ nhưng chưa xong.",
        complainant_name="Cà Thị Ban",
        today=today,
    )
    assert retention.purge_personal_data(None, today=today) == (1, 0)
    assert Reception.objects.get(pk=old.pk).citizen_name == "Lò Văn Pấng"
    assert retention.purge_personal_data(None, today=today, apply=True) == (1, 0)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.citizen_name == "" and old.anonymised_at is not None
    assert new.citizen_name == "Quàng Thị Xuân"
    assert Petition.objects.get(pk=open_case.pk).complainant_name == "Cà Thị Ban"
    assert services.show_person(officer, old)["name"].startswith("[đã xóa")


def test_the_command_says_what_it_would_do(world, capsys):
    call_command("purge_citizens")
    out = capsys.readouterr().out
    assert "chạy thử" in out and "lượt tiếp công dân" in out
