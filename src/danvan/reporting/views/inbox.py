"""The reviewer's inbox (chờ thẩm định, quá hạn, đã trả lại) with “Nhắc hạn”,
and the sign-off queues shown on the home page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.access import scope
from danvan.orgunits.models import search_folded
from danvan.reporting import services
from danvan.reporting.access import get_report
from danvan.reporting.jobs import queue_reminder_email
from danvan.reporting.models import ReportStatus, UnitReport
from danvan.reporting.models.requests import RequestStatus
from danvan.reporting.routes import pages
from danvan.web.actions import confirm_page, run_action

PAGE_SIZE = 25
NOT_IN = [ReportStatus.DRAFT, ReportStatus.PENDING, ReportStatus.SIGNED, ReportStatus.RETURNED]
TABS = [
    ("cho", "Chờ thẩm định"),
    ("qua-han", "Quá hạn"),
    ("tra-lai", "Đã trả lại"),
    ("tat-ca", "Tất cả"),
]
SORTS = {
    "han": ("request__deadline", "unit__name"),
    "don-vi": ("unit__name", "request__deadline"),
    "gui": ("-submitted_at", "unit__name"),
}
SORT_LABELS = [("han", "Hạn nộp"), ("don-vi", "Tên đơn vị"), ("gui", "Ngày gửi (mới nhất)")]


def to_review(user) -> QuerySet[UnitReport]:
    """Every unit's report asked by a request the user reviews (submitted or not:
    a unit that never opened its report is still listed, by status and dates only)."""
    qs = UnitReport.objects.select_related("request", "unit", "request__requester_unit")
    return scope(qs, user, "review", "request__requester_unit")


def _tab_q(tab: str) -> Q:
    today = timezone.localdate()
    if tab == "cho":
        return Q(status=ReportStatus.SUBMITTED)
    if tab == "qua-han":
        return Q(status__in=NOT_IN, request__status=RequestStatus.OPEN, request__deadline__lt=today)
    if tab == "tra-lai":
        return Q(status=ReportStatus.RETURNED, first_submitted_at__isnull=False)
    return Q()


@pages.route("hop-thu/")
@login_required
def inbox(request):
    base = to_review(request.user)
    tab = request.GET.get("loai") or "cho"
    tab = tab if tab in dict(TABS) else "cho"
    sort = request.GET.get("sap-xep") or "han"
    sort = sort if sort in SORTS else "han"
    q = (request.GET.get("q") or "").strip()[:100]
    req_id = request.GET.get("dot") or ""
    counts = base.aggregate(
        **{key.replace("-", "_"): Count("pk", filter=_tab_q(key)) for key, _ in TABS}
    )
    rows = base.filter(_tab_q(tab))
    if q:
        rows = search_folded(rows, q, "unit__search_key")
    if req_id.isdigit():
        rows = rows.filter(request_id=int(req_id))
    page = Paginator(rows.order_by(*SORTS[sort], "pk"), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    requests_ = (
        base.values_list("request_id", "request__title").distinct().order_by("-request_id")[:50]
    )
    today = timezone.localdate()
    for r in page:
        r.days_over = (today - r.request.deadline).days if r.request.deadline < today else 0
        r.can_remind = r.status in NOT_IN and r.request.status == RequestStatus.OPEN
    return render(
        request,
        "reporting/inbox.html",
        {
            "page": page,
            "tab": tab,
            "tabs": [(k, label, counts[k.replace("-", "_")]) for k, label in TABS],
            "sort": sort,
            "sorts": SORT_LABELS,
            "q": q,
            "dot": req_id,
            "requests": requests_,
        },
    )


@pages.route("nhac-han/<int:unitreport_pk>/")
@login_required
def remind(request, unitreport_pk):
    found = (
        to_review(request.user).filter(pk=unitreport_pk).first()
        if str(unitreport_pk).isdigit()
        else None
    )
    if found is None:
        get_report(request.user, unitreport_pk)  # 404 unless the user may see the report
        raise PermissionDenied("Chỉ cán bộ thẩm định của cơ quan yêu cầu được nhắc hạn.")
    report = found
    back = request.GET.get("next") or request.POST.get("next") or ""
    if not back.startswith("/"):
        back = reverse("reporting:inbox") + "?loai=qua-han"
    if request.method != "POST":
        return confirm_page(
            request,
            title=f"Nhắc hạn {report.unit.name}",
            consequence=(
                f"Ghi nhắc hạn báo cáo “{report.request.title}” cho {report.unit.name}: lời nhắc "
                "hiện trên trang chủ của đơn vị và được gửi thư điện tử tới cán bộ, lãnh đạo "
                "đơn vị có địa chỉ thư."
            ),
            button="Nhắc hạn",
            back_url=back,
        )

    def act():
        reminder = services.remind_unit(request.user, report)
        transaction.on_commit(lambda: queue_reminder_email(request.user, reminder))
        return reminder

    return run_action(request, act, success=f"Đã nhắc hạn {report.unit.name}.", then=back)
