import datetime as dt

from django.core import mail
from django.core.management import call_command

from danvan.citizens import services
from danvan.citizens.jobs import start_citizen_reminders
from danvan.citizens.models import Kind
from danvan.jobs.models import JobStatus


def test_the_daily_reminder_mails_the_unit_counts_without_names(world, officer, head, units):
    for user in (officer, head):
        user.email = f"{user.username}@example.vn"
        user.save()
    services.receive_petition(
        officer,
        unit=units["ttdvvl"],
        received_on=dt.date.today() - dt.timedelta(days=40),
        kind=Kind.KIEN_NGHI,
        subject="Kiến nghị cũ.",
        complainant_name="Lò Văn Pấng",
    )
    job = start_citizen_reminders()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["canbo.ttdvvl@example.vn", "giamdoc.ttdvvl@example.vn"]
    assert "quá hạn xử lý: 1" in message.body and "Pấng" not in message.body


def test_the_command_queues_the_reminders(world, capsys):
    call_command("citizen_reminders")
    assert "Đã đưa vào hàng đợi" in capsys.readouterr().out
