"""Downloads: the Tờ trình and lists (DOCX), the decision, certificates (PDF)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from danvan.core.render import ConversionError
from danvan.core.text import fold
from danvan.emulation import paperwork, services
from danvan.emulation.access import get_decision, get_nomination, get_round
from danvan.emulation.models import NominationStatus
from danvan.emulation.routes import pages
from danvan.emulation.views import steps
from danvan.emulation.views.common import money_of_page
from danvan.web.downloads import DOCX, PDF, attachment
from danvan.web.routing import View
from danvan.web.sorting import Column, sorted_page


def _slug(text: str) -> str:
    return "-".join(fold(text).replace("/", "-").split())


def _docx(request, build: Callable[[], bytes], filename: str, back: str) -> HttpResponse:
    """The DOCX ``build`` makes, or back to ``back`` saying why it could not."""
    try:
        data = build()
    except paperwork.PaperworkError as exc:
        messages.error(request, exc.message_vi)
        return redirect(back)
    return attachment(data, filename, DOCX)


def _round_docx(request, awardround_pk: int, build: Callable[[Any], bytes], stem: str):
    """One of the round's papers (``stem-<year>.docx``), or back to the round."""
    rnd = get_round(request.user, awardround_pk)
    return _docx(
        request,
        lambda: build(rnd),
        f"{stem}-{rnd.year}.docx",
        reverse("emulation:awardround_detail", args=[rnd.pk]),
    )


@pages.route("dot/<int:awardround_pk>/to-trinh.docx", name="awardround_to_trinh")
@login_required
def to_trinh(request, awardround_pk: int):
    return _round_docx(request, awardround_pk, paperwork.to_trinh_docx, "to-trinh-khen-thuong")


@pages.route("dot/<int:awardround_pk>/danh-sach.docx", name="awardround_lists")
@login_required
def lists(request, awardround_pk: int):
    return _round_docx(
        request, awardround_pk, paperwork.lists_docx, "danh-sach-de-nghi-khen-thuong"
    )


DECISION_COLUMNS = [
    Column("ten", "Cá nhân, tập thể", ("staff__full_name", "collective__name")),
    Column("don_vi", "Đơn vị", ("staff__unit__path", "staff__full_name")),
    Column("danh_hieu", "Danh hiệu, hình thức", ("title", "staff__full_name")),
]


@pages.route("quyet-dinh/<int:awarddecision_pk>/", name="awarddecision_detail")
@login_required
def decision_detail(request, awarddecision_pk: int):
    decision = get_decision(request.user, awarddecision_pk)
    page, sorting = sorted_page(
        request,
        decision.nominations.select_related("staff", "staff__unit", "collective"),
        DECISION_COLUMNS,
        "danh_hieu",
    )
    return render(
        request,
        "emulation/decision_detail.html",
        {
            "decision": decision,
            "page": page,
            "sorting": sorting,
            "rnd": decision.round,
            "money": money_of_page(services.decision_money(decision), page),
            "revoked": [
                r
                for r in services.revocable_records(decision)
                if getattr(r, "revocation", None) is not None
            ],
            "may_revoke": steps.may(request.user, decision.round, "revoke"),
            "revoke_hint": steps.hint_unless_may(request.user, decision.round, "revoke"),
        },
    )


@pages.route("quyet-dinh/<int:awarddecision_pk>/van-ban.docx", name="awarddecision_docx")
@login_required
def decision_docx(request, awarddecision_pk: int):
    decision = get_decision(request.user, awarddecision_pk)
    return _docx(
        request,
        lambda: paperwork.decision_docx(decision),
        f"quyet-dinh-{_slug(decision.symbol)}.docx",
        reverse("emulation:awarddecision_detail", args=[decision.pk]),
    )


def _certificates(request, decision, noms, stem: str, fmt: str):
    try:
        docx_bytes = paperwork.certificates_docx(decision, noms)
    except paperwork.PaperworkError as exc:
        messages.error(request, exc.message_vi)
        return redirect("emulation:awarddecision_detail", awarddecision_pk=decision.pk)
    if fmt == "docx":
        return attachment(docx_bytes, f"{stem}.docx", DOCX)
    try:
        pdf = paperwork.to_pdf(docx_bytes)
    except ConversionError as exc:
        return render(
            request,
            "emulation/pdf_unavailable.html",
            {
                "message": exc.message_vi,
                "decision": decision,
                "docx_url": request.path.replace(".pdf", ".docx"),
            },
        )
    return attachment(pdf, f"{stem}.pdf", PDF)


def _pdf_and_docx(stem: str, name: str) -> Callable[[View], View]:
    """Register a paper's view at ``<stem>.pdf`` (URL name ``name``) and at
    ``<stem>.docx`` (``<name>_docx``, the view then gets ``fmt="docx"``)."""

    def register(view: View) -> View:
        pages.route(f"{stem}.docx", name=f"{name}_docx", kwargs={"fmt": "docx"})(view)
        return pages.route(f"{stem}.pdf", name=name)(view)

    return register


@_pdf_and_docx("quyet-dinh/<int:awarddecision_pk>/giay-khen", "awarddecision_certificates")
@login_required
def decision_certificates(request, awarddecision_pk: int, fmt: str = "pdf"):
    decision = get_decision(request.user, awarddecision_pk)
    return _certificates(request, decision, None, f"giay-khen-{_slug(decision.symbol)}", fmt)


@_pdf_and_docx("de-nghi/<int:nomination_pk>/giay-khen", "nomination_certificate")
@login_required
def nomination_certificate(request, nomination_pk: int, fmt: str = "pdf"):
    nom = get_nomination(request.user, nomination_pk)
    if nom.status != NominationStatus.DECIDED or nom.decision_id is None:
        messages.error(
            request, "Đề nghị này chưa có quyết định khen thưởng nên chưa in được giấy khen."
        )
        return redirect("emulation:nomination_detail", nomination_pk=nom.pk)
    stem = f"giay-khen-{_slug(nom.subject_name)}-{nom.year}"
    return _certificates(request, nom.decision, [nom], stem, fmt)
