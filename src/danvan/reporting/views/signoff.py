"""The sign-off chain on the report page: the officer proposes the report to the
head (“Trình lãnh đạo duyệt”), the head signs it (a number from the register,
locked) or returns it, the unit sends it to the requester, the reviewer accepts.
Every irreversible step has a confirmation page that says what will happen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from danvan.accounts.access import can_here
from danvan.orgunits.models import StaffMember, deputy_title, head_title
from danvan.reporting import services
from danvan.reporting.access import can_review, get_report
from danvan.reporting.models import ReportStatus, UnitReport
from danvan.reporting.routes import pages
from danvan.web.actions import Refusal, confirm_page, run_action, show_refusal
from danvan.web.forms import VietnameseForm


def _back(report) -> str:
    return reverse("reporting:report_detail", args=[report.pk])


def _report_if(request, pk, allowed: Callable[[Any, UnitReport], bool], refusal: str) -> UnitReport:
    """The report (scoped to the user), when ``allowed(user, report)``; refused otherwise."""
    report = get_report(request.user, pk)
    if not allowed(request.user, report):
        raise PermissionDenied(refusal)
    return report


class SignForm(VietnameseForm):
    name = forms.CharField(label="Họ tên người ký", max_length=120)
    position = forms.ChoiceField(label="Ký với chức vụ")

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        head, deputy = head_title(unit.kind), deputy_title(unit.kind)
        self.fields["position"].choices = [
            (head, f"{head} (ký trực tiếp)"),
            (deputy, f"{deputy} (ký thay: KT. {head.upper()})"),
        ]


def _signer_initial(user, unit) -> dict[str, str]:
    name = user.get_full_name() or user.username
    member = StaffMember.objects.filter(unit=unit, full_name=name, active_to__isnull=True).first()
    position = head_title(unit.kind)
    if member and member.position.casefold().startswith("phó"):
        position = deputy_title(unit.kind)
    return {"name": name, "position": position}


@pages.route("don-vi/<int:pk>/trinh-duyet/")
@login_required
def report_propose(request, pk):
    report = get_report(request.user, pk)
    if request.method != "POST":
        if not can_here(request.user, "edit", report.unit):
            raise PermissionDenied("Chỉ cán bộ của đơn vị lập báo cáo được trình duyệt.")
        return confirm_page(
            request,
            title="Trình lãnh đạo duyệt",
            consequence=(
                f"Báo cáo “{report.request.title}” sẽ khóa lại và chuyển tới lãnh đạo "
                f"{report.unit.name} để duyệt và ký. Trong khi chờ, bạn chỉ có thể rút lại để sửa."
            ),
            button="Trình lãnh đạo duyệt",
            back_url=_back(report),
        )
    return run_action(
        request,
        lambda: services.propose_report(request.user, report),
        success="Đã trình lãnh đạo đơn vị duyệt báo cáo.",
        then=_back(report),
    )


@pages.route("don-vi/<int:pk>/ky/")
@login_required
def report_sign(request, pk):
    report = _report_if(
        request, pk, services.can_sign, "Chỉ lãnh đạo của đơn vị lập báo cáo được duyệt và ký."
    )
    form = SignForm(
        request.POST if request.method == "POST" else None,
        unit=report.unit,
        initial=_signer_initial(request.user, report.unit),
    )
    if request.method == "POST" and form.is_valid():
        signer = services.Signer(
            form.cleaned_data["name"], form.cleaned_data["position"], head_title(report.unit.kind)
        )
        return run_action(
            request,
            lambda: services.sign_report(request.user, report, signer),
            success=lambda r: (
                f"Đã duyệt và ký báo cáo: văn bản số {r.signed_symbol}; báo cáo đã khóa."
            ),
            then=_back(report),
        )
    return confirm_page(
        request,
        title="Duyệt và ký báo cáo (cấp số, khóa)",
        consequence=(
            "Hệ thống lập văn bản Báo cáo từ đúng số liệu và nội dung đơn vị đã nhập, cấp số "
            f"tiếp theo trong sổ đăng ký văn bản của {report.unit.name} và khóa báo cáo. "
            "Số đã cấp không thu hồi được."
        ),
        button="Duyệt, ký và cấp số",
        back_url=_back(report),
        form=form,
        status=400 if form.is_bound else 200,
    )


@pages.route("don-vi/<int:pk>/tra-lai-noi-bo/")
@login_required
def report_decline(request, pk):
    report = _report_if(
        request, pk, services.can_sign, "Chỉ lãnh đạo của đơn vị lập báo cáo được trả lại."
    )
    if request.method != "POST":
        return redirect(_back(report))
    return run_action(
        request,
        lambda: services.decline_report(request.user, report, request.POST.get("reason", "")),
        success="Đã trả lại báo cáo cho cán bộ soạn, kèm lý do.",
        then=_back(report),
    )


@pages.route("don-vi/<int:pk>/gui/")
@login_required
def report_send(request, pk):
    report = get_report(request.user, pk)
    requester = report.request.requester_unit.name
    if request.method != "POST":
        if not (
            can_here(request.user, "edit", report.unit)
            or can_here(request.user, "approve", report.unit)
        ):
            raise PermissionDenied("Chỉ đơn vị lập báo cáo được gửi báo cáo của mình.")
        return confirm_page(
            request,
            title=f"Gửi báo cáo tới {requester}",
            consequence=(
                f"Số liệu và văn bản đã ký số {report.signed_symbol or '(chưa ký)'} sẽ được gửi tới "
                f"{requester}. Sau khi gửi, đơn vị không sửa được nữa, trừ khi thu hồi trước khi "
                "cấp trên thẩm định (khi đó phải trình ký lại)."
            ),
            button="Gửi báo cáo",
            back_url=_back(report),
        )
    try:
        report = services.submit_report(request.user, report)
    except Refusal as exc:
        show_refusal(request, exc)
        return redirect(_back(report))
    return _sent(request, report)


def _sent(request, report):
    if report.late:
        messages.warning(request, services.late_message(report))
    messages.success(request, f"Đã gửi báo cáo tới {report.request.requester_unit.name}.")
    return redirect(_back(report))


def empty_sections(report) -> bool:
    texts = [s.text for s in report.sections.all()]
    return not any(t.strip() for t in texts)


@pages.route("don-vi/<int:pk>/chap-nhan/")
@login_required
def report_accept(request, pk):
    report = _report_if(
        request,
        pk,
        lambda user, report: can_review(user, report.request),
        "Chỉ cán bộ thẩm định của cơ quan yêu cầu được chấp nhận báo cáo.",
    )
    if request.method != "POST":
        warnings = []
        if empty_sections(report):
            warnings.append(
                "Chú ý: mọi phần nội dung của báo cáo đều để trống (chỉ có bảng số liệu)."
            )
        if report.status != ReportStatus.SUBMITTED:
            warnings.append(services.lock_info(report, request.user).message)
        return confirm_page(
            request,
            title="Chấp nhận báo cáo",
            consequence=(
                f"Báo cáo của {report.unit.name} được ghi nhận là đạt và khóa lại; số liệu được "
                "đưa vào tổng hợp. Muốn sửa sau này phải mở khóa kèm lý do."
            ),
            button="Chấp nhận báo cáo",
            back_url=_back(report),
            warnings=warnings,
        )
    return run_action(
        request,
        lambda: services.accept_report(request.user, report),
        success="Đã chấp nhận báo cáo; báo cáo được khóa.",
        then=_back(report),
    )
