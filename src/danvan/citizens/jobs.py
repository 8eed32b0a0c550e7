"""Background kinds of the citizen book: the daily deadline reminders, and the
book's Excel export when it is large (an "export_xlsx" job, danvan.jobs.exports).

For each unit with petitions overdue or due within five working days, one
e-mail to the unit's own staff (roles held on the unit itself) who have an
address. The mail carries counts and the page's address only, never a
citizen's name. Idempotent per unit and day (the mail job's key)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.jobs import exports, registry, services
from danvan.jobs.mail import queue_mail
from danvan.jobs.models import Job

from . import access, excel, figures
from .models import Petition
from .services import due_soon, overdue


def _counts(qs) -> dict[int, int]:
    return dict(qs.order_by().values_list("unit_id").annotate(n=Count("id")))


@registry.kind("citizen_deadlines", "Nhắc hạn xử lý đơn thư", reuse_succeeded=False)
def citizen_deadlines(ctx: services.JobContext) -> dict:
    today = timezone.localdate()
    late, soon = (
        _counts(overdue(Petition.objects.all(), today)),
        _counts(due_soon(Petition.objects.all(), today)),
    )
    units = sorted(set(late) | set(soon))
    User = get_user_model()
    sent = 0
    for unit_id in units:
        staff = Role.objects.filter(unit_id=unit_id, kind__in=access.STAFF_KINDS).values("user")
        to = sorted(
            set(
                User.objects.filter(pk__in=staff, is_active=True)
                .exclude(email="")
                .values_list("email", flat=True)
            )
        )
        if not to:
            continue
        body = (
            f"Đơn thư quá hạn xử lý: {late.get(unit_id, 0)}; sắp đến hạn trong 5 ngày làm "
            f"việc: {soon.get(unit_id, 0)}.\nXem danh sách: {reverse('citizens:deadlines')}"
        )
        queue_mail(
            "Nhắc hạn xử lý đơn thư",
            body,
            to,
            unit=None,
            key=f"citizen-deadlines-{unit_id}-{today.isoformat()}",
        )
        sent += 1
    return {
        "message": f"{len(units)} đơn vị có đơn quá hạn hoặc sắp đến hạn; đã gửi nhắc "
        f"cho {sent} đơn vị.",
        "url": reverse("citizens:deadlines"),
        "label": "Hạn xử lý đơn thư",
    }


def start_citizen_reminders(user=None) -> Job:
    """Queue today's reminders (the daily timer or the deadlines page call this)."""
    key = f"citizen-deadlines-{timezone.localdate().isoformat()}"
    return services.start("citizen_deadlines", user=user, key=key)


BOOK_EXPORT_KEYS = ("unit", "from", "to", "group", "personal")


def reception_book(user, params):
    """The reception book as the page filters it (also replayed by the export job)."""
    qs = access.filtered(user, access.receptions_for(user), params, "received_on")
    if params.get("group") == "1":
        qs = qs.filter(group_size__gte=figures.GROUP_THRESHOLD)
    return qs


@exports.export("citizens_receptions", "sổ tiếp công dân")
def receptions_xlsx(user, params: dict) -> tuple[str, bytes]:
    """People are shown only when asked and allowed (each one audited)."""
    qs = reception_book(user, params)
    personal = params.get("personal") == "1"
    return "so-tiep-cong-dan.xlsx", excel.export_receptions(user, qs, personal=personal)
