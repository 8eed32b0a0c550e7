"""Records pages: people and collectives, the Excel import, quotas, summaries."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from danvan.accounts import access
from danvan.core.errors import DomainError
from danvan.emulation import excel, forms, services
from danvan.emulation.access import get_staff, quotas_for, staff_for
from danvan.emulation.models import AwardRecord, ClusterLeader, PerformanceRating
from danvan.emulation.routes import pages
from danvan.jobs import exports
from danvan.jobs.pages import job_of
from danvan.orgunits.models import OrgUnit, search_folded
from danvan.orgunits.widgets import picker_context
from danvan.web.downloads import xlsx_response
from danvan.web.forms import pick
from danvan.web.sorting import Column, render_sorted

from .common import attempt, delete_posted, saved, with_edit_units

STAFF_COLUMNS = [
    Column("ten", "Họ và tên", ("full_name",)),
    Column("chuc_vu", "Chức vụ", ("position", "full_name")),
    Column("don_vi", "Đơn vị", ("unit__path", "full_name")),
]


@pages.route("ho-so/")
@login_required
def staff_list(request):
    if request.GET.get("tap_the"):  # the collective picker: open that unit's records
        unit = access.get_unit_for_user(request.user, request.GET["tap_the"])
        return redirect("emulation:unit_records", unit_pk=unit.pk)
    qs = staff_for(request.user).filter(active_to__isnull=True).select_related("unit")
    q = (request.GET.get("q") or "").strip()
    if q:  # by the person's name, code or position, or by the unit's name
        qs = search_folded(qs, q) | qs.filter(unit__in=search_folded(OrgUnit.objects.all(), q))
    return render_sorted(
        request,
        "emulation/staff_list.html",
        qs,
        STAFF_COLUMNS,
        "don_vi",
        lambda page: {
            "q": q,
            "latest": _latest_ratings(page),
            "collective_picker": picker_context("tap_the", []),
            "can_import": access.visible_units(request.user, "edit").exists(),
        },
    )


def _latest_ratings(staff) -> dict:
    """Each person's latest performance rating, by the person's id."""
    latest: dict = {}
    ratings = PerformanceRating.objects.filter(staff_id__in=[s.pk for s in staff])
    for r in ratings.order_by("staff_id", "-year"):
        latest.setdefault(r.staff_id, r)
    return latest


RECORD_FORMS = {
    "rating": forms.RatingForm,
    "award": forms.AwardRecordForm,
    "innovation": forms.InnovationForm,
    "discipline": forms.DisciplineForm,
}


def _save_record(user, staff, kind, data):
    if kind == "innovation":
        data = {**data, "applied": {"yes": True, "no": False}.get(data["applied"])}
    return services.save_person_record(user, staff, kind, data)


SAVED = {
    "rating": "Đã ghi xếp loại.",
    "award": "Đã ghi danh hiệu, khen thưởng.",
    "innovation": "Đã ghi sáng kiến.",
    "discipline": "Đã ghi kỷ luật.",
}


@pages.route("ho-so/<int:staff_pk>/")
@login_required
def staff_records(request, staff_pk: int):
    staff = get_staff(request.user, staff_pk)
    can_edit = access.can(request.user, "edit", staff.unit)
    bound = {}
    if request.method == "POST":
        if "delete" in request.POST:
            kind, _, pk = request.POST["delete"].partition(":")
            attempt(
                request,
                lambda: services.delete_person_record(request.user, staff, kind, pk),
                "Đã xóa bản ghi.",
            )
            return redirect("emulation:staff_records", staff_pk=staff.pk)
        kind = request.POST.get("kind")
        form_class = RECORD_FORMS.get(kind)
        if form_class is None:
            messages.error(request, "Yêu cầu không hợp lệ; hãy tải lại trang.")
            return redirect("emulation:staff_records", staff_pk=staff.pk)
        form = form_class(request.POST, prefix=kind)
        if saved(request, form, lambda d: _save_record(request.user, staff, kind, d), SAVED[kind]):
            return redirect("emulation:staff_records", staff_pk=staff.pk)
        bound[kind] = form
    year = dt.date.today().year
    record_forms = {
        kind: bound.get(kind) or cls(prefix=kind, initial={"year": year - 1})
        for kind, cls in RECORD_FORMS.items()
    }
    return render(
        request,
        "emulation/staff_records.html",
        {
            "staff": staff,
            "records": services.person_records(staff),
            "forms": record_forms,
            "can_edit": can_edit,
            "assignments": staff.assignments.select_related("unit"),
        },
    )


@pages.route("tap-the/<int:unit_pk>/")
@login_required
def unit_records(request, unit_pk: int):
    unit = access.get_unit_for_user(request.user, unit_pk)
    can_edit = access.can(request.user, "edit", unit)
    rating_form = forms.CollectiveRatingForm(
        request.POST if request.POST.get("kind") == "rating" else None,
        prefix="rating",
        initial={"year": dt.date.today().year - 1},
    )
    award_form = forms.AwardRecordForm(
        request.POST if request.POST.get("kind") == "award" else None, prefix="award"
    )
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind == "rating" and saved(
            request,
            rating_form,
            lambda d: services.set_collective_rating(
                request.user, unit, year=d["year"], rating=d["rating"]
            ),
            "Đã ghi xếp loại tập thể.",
        ):
            return redirect("emulation:unit_records", unit_pk=unit.pk)
        elif kind == "award" and saved(
            request,
            award_form,
            lambda d: services.add_award_record(
                request.user,
                collective=unit,
                **pick(d, "title year decision_number decided_on decided_by theme_based"),
            ),
            "Đã ghi danh hiệu tập thể.",
        ):
            return redirect("emulation:unit_records", unit_pk=unit.pk)
        elif kind == "delete_award":
            delete_posted(
                request,
                AwardRecord.objects.filter(collective=unit),
                request.POST.get("pk"),
                services.delete_award_record,
                "bản ghi",
                "Đã xóa bản ghi.",
            )
            return redirect("emulation:unit_records", unit_pk=unit.pk)
    return render(
        request,
        "emulation/unit_records.html",
        {
            "unit": unit,
            "ratings": unit.emulation_ratings.all(),
            "awards": unit.collective_awards.all(),
            "rating_form": rating_form,
            "award_form": award_form,
            "can_edit": can_edit,
            "children": access.visible_units(request.user)
            .filter(parent=unit, valid_to__isnull=True)
            .order_by("path"),
        },
    )


# --- Excel import ------------------------------------------------------------------

SESSION_KEY = "emulation_import"


@pages.route("nhap/mau.xlsx")
@login_required
def import_template(request):
    return xlsx_response(excel.template_bytes(), "mau-ho-so-thi-dua.xlsx")


@pages.route("nhap/")
@login_required
@with_edit_units("Bạn không có quyền nhập hồ sơ thi đua.", "emulation:staff_list")
def import_records(request, units):
    by_pk = {u.pk: u for u in units}
    preview = None
    token = ""
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(SESSION_KEY) or {}
        payload = stored.get(request.POST.get("confirm"))
        unit = by_pk.get((payload or {}).get("unit_id"))
        if payload is None or unit is None:
            messages.error(request, "Bản xem trước đã hết hạn; hãy tải tệp lên lại.")
            return redirect("emulation:import_records")
        ok, done = attempt(
            request,
            lambda: excel.apply(
                request.user, unit, payload, confirm_overwrite=request.POST.get("ghi_de") == "1"
            ),
        )
        if ok:
            request.session.pop(SESSION_KEY, None)
            messages.success(
                request,
                "Đã nhập: {ratings} xếp loại, {titles} danh hiệu, {innovations} sáng kiến, "
                "{discipline} kỷ luật.".format(**done),
            )
            return redirect("emulation:staff_list")
        return redirect("emulation:import_records")
    current = getattr(request, "unit", None)
    form = forms.ImportForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        initial={"unit": current.pk if current in units else units[0].pk},
    )
    if request.method == "POST" and form.is_valid():
        unit = by_pk[form.cleaned_data["unit"]]
        upload = form.cleaned_data["file"]
        if upload.size > excel.MAX_BYTES:
            form.add_error("file", "Tệp quá lớn (tối đa 10 MB).")
        else:
            ok, preview = attempt(
                request, lambda: excel.preview(request.user, unit, upload.read()), form=form
            )
            if ok and preview.ok:
                token = secrets.token_urlsafe(12)
                request.session[SESSION_KEY] = {token: preview.to_json()}
    return render(
        request,
        "emulation/import.html",
        {"form": form, "preview": preview, "token": token, "sheets": excel.SHEETS},
    )


# --- quotas ------------------------------------------------------------------------


def _quota_units(user):
    units = set(access.visible_units(user, "review").filter(valid_to__isnull=True))
    units |= set(access.visible_units(user, "approve").filter(valid_to__isnull=True))
    return sorted(units, key=lambda u: u.path)


@pages.route("han-muc/")
@login_required
def quotas(request):
    units = _quota_units(request.user)
    by_pk = {u.pk: u for u in units}
    form = forms.QuotaForm(
        request.POST if request.POST.get("action") == "add" else None,
        units=units,
        initial={"year": dt.date.today().year, "percent": None},
    )
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            delete_posted(
                request,
                quotas_for(request.user),
                request.POST.get("pk"),
                services.delete_quota,
                "hạn mức",
                "Đã xóa hạn mức.",
            )
            return redirect("emulation:quotas")
        if units and saved(
            request,
            form,
            lambda d: services.set_quota(
                request.user,
                unit=by_pk[d["unit"]],
                **pick(d, "year title max_percent_of percent max_count basis"),
            ),
            "Đã thêm hạn mức.",
        ):
            return redirect("emulation:quotas")
    rows = quotas_for(request.user).order_by("-year", "unit__path", "title")
    cluster_form, clusters = _clusters(request, units)
    if cluster_form is None:
        return redirect("emulation:quotas")
    return render(
        request,
        "emulation/quotas.html",
        {
            "rows": rows,
            "form": form if units else None,
            "editable": {u.pk for u in units},
            "clusters": clusters,
            "cluster_form": cluster_form if units else None,
        },
    )


def _clusters(request, units):
    """The cụm, khối leaders recorded by the user's units (NĐ 152/2025 Điều 7):
    (the form, the rows); the form is None after a successful POST."""
    by_pk = {u.pk: u for u in units}
    leaders = (
        access.visible_units(request.user).filter(valid_to__isnull=True).order_by("path")
        if units
        else []
    )
    leader_by_pk = {u.pk: u for u in leaders}
    action = request.POST.get("action") if request.method == "POST" else None
    form = forms.ClusterLeaderForm(
        request.POST if action == "cluster_add" else None,
        units=units,
        leaders=leaders,
        initial={"year": dt.date.today().year},
    )
    rows = ClusterLeader.objects.filter(organiser__in=units).select_related("organiser", "leader")
    if action == "cluster_delete":
        delete_posted(
            request,
            rows,
            request.POST.get("pk"),
            services.delete_cluster_leader,
            "dòng",
            "Đã xóa tập thể dẫn đầu cụm, khối.",
        )
        return None, rows
    if (
        action == "cluster_add"
        and units
        and saved(
            request,
            form,
            lambda d: services.record_cluster_leader(
                request.user,
                organiser=by_pk[d["organiser"]],
                year=d["year"],
                cluster=d["cluster"],
                leader=leader_by_pk[d["leader"]],
                meets_flag_criteria=d["meets_flag_criteria"],
            ),
            "Đã ghi tập thể dẫn đầu cụm, khối thi đua.",
        )
    ):
        return None, rows
    return form, rows.order_by("-year", "organiser__path", "cluster")


# --- summaries ---------------------------------------------------------------------


SUMMARY_COLUMNS = [
    Column("don_vi", "Đơn vị", ("thu_tu",)),  # the tree's order, as in the report
    Column("danh_hieu", "Danh hiệu, hình thức", ("label", "thu_tu")),
    Column("so_luong", "Số lượng", ("count", "thu_tu")),
]


@pages.route("tong-hop/")
@login_required
def summary(request):
    units = access.visible_units(request.user).filter(valid_to__isnull=True).order_by("path")
    this_year = dt.date.today().year
    years = list(range(this_year, this_year - 6, -1))
    form = forms.SummaryForm(request.GET or None, units=units, years=years)
    unit = year = None
    if form.is_valid():
        unit, year = form.cleaned_data["unit"], form.cleaned_data["year"]
    unit = unit or units.first()
    year = year or this_year - 1
    data = services.commendation_summary(unit, year) if unit is not None else None
    in_tree_order = [{**r, "thu_tu": i} for i, r in enumerate(data["by_unit"] if data else [])]
    return render_sorted(
        request,
        "emulation/summary.html",
        in_tree_order,
        SUMMARY_COLUMNS,
        "don_vi",
        {
            "form": form,
            "data": data,
            "job": job_of(request),
            "unit": unit,
            "year": year,
            "money": services.year_money(request.user, year, unit) if unit is not None else None,
        },
    )


@pages.route("tong-hop/<int:unit_pk>/<int:year>.xlsx")
@login_required
def summary_excel(request, unit_pk: int, year: int):
    unit = access.get_unit_for_user(request.user, unit_pk)
    try:
        data = services.commendation_summary(unit, year)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("emulation:summary")
    rows = len(data["by_unit"]) + len(data["individual"]) + len(data["collective"])
    back = reverse("emulation:summary") + f"?unit={unit.pk}&year={year}"
    return exports.download_or_job(
        request,
        "emulation_summary",
        {"unit": unit.pk, "year": year},
        rows=rows,
        back=back,
        unit=unit,
        title=f"Xuất Excel tổng hợp khen thưởng năm {year}: {unit.name}",
    )
