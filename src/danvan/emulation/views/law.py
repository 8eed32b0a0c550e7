"""Pages for what the law adds to a round: prize money, revocation, lương cơ sở."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from danvan.accounts import access
from danvan.core.rules.awards import REVOCATION_BASIS
from danvan.emulation import forms, services
from danvan.emulation.access import get_decision, get_round
from danvan.emulation.models import BaseSalaryRate
from danvan.emulation.routes import pages
from danvan.emulation.views.common import attempt, saved
from danvan.jobs import exports
from danvan.web.forms import pick


@pages.route("dot/<int:awardround_pk>/tien-thuong.xlsx", name="awardround_money")
@login_required
def round_money_xlsx(request, awardround_pk: int):
    rnd = get_round(request.user, awardround_pk)
    return exports.download_or_job(
        request,
        "emulation_money",
        {"round": rnd.pk},
        rows=rnd.nominations.count(),
        back=reverse("emulation:awardround_detail", args=[rnd.pk]),
        unit=rnd.unit,
        title=f"Xuất Excel tiền thưởng: {rnd.name}",
    )


@pages.route("quyet-dinh/<int:awarddecision_pk>/huy-bo/", name="awarddecision_revoke")
@login_required
def decision_revoke(request, awarddecision_pk: int):
    decision = get_decision(request.user, awarddecision_pk)
    records = [
        r for r in services.revocable_records(decision) if getattr(r, "revocation", None) is None
    ]
    may = access.can(request.user, "approve", decision.issuer)
    form = forms.RevocationForm(request.POST or None, records=records)
    if request.method == "POST":
        if not may:
            raise PermissionDenied("Chỉ lãnh đạo cơ quan đã ra quyết định được hủy bỏ khen thưởng.")
        if form.is_valid():
            data = form.cleaned_data
            chosen = {r.pk: r for r in records}[data["record"]]
            ok, _done = attempt(
                request,
                lambda: services.revoke_record(
                    request.user,
                    chosen,
                    **pick(
                        data,
                        "ground decided_on decision_number recovered_amount certificate_recovered note",
                    ),
                ),
                form=form,
            )
            if ok:
                messages.success(request, f"Đã ghi nhận hủy bỏ: {chosen}.")
                return redirect("emulation:awarddecision_detail", awarddecision_pk=decision.pk)
    revoked = [r for r in services.revocable_records(decision) if getattr(r, "revocation", None)]
    return render(
        request,
        "emulation/revoke.html",
        {
            "decision": decision,
            "rnd": decision.round,
            "form": form,
            "may": may and bool(records),
            "revoked": revoked,
            "basis": REVOCATION_BASIS.text(),
        },
    )


@pages.route("luong-co-so/")
@login_required
def base_salary(request):
    may = services.can_manage_base_salary(request.user)
    form = forms.BaseSalaryForm(request.POST or None)
    if request.method == "POST":
        if not may:
            raise PermissionDenied("Chỉ quản trị hệ thống được nhập mức lương cơ sở.")
        if saved(
            request,
            form,
            lambda d: services.add_base_salary(request.user, **d),
            "Đã thêm mức lương cơ sở.",
        ):
            return redirect("emulation:base_salary")
    return render(
        request,
        "emulation/base_salary.html",
        {"rates": BaseSalaryRate.objects.all(), "form": form, "may": may},
    )
