"""Taking an indicator value from an archived document's figure: the source
sentence with the figure highlighted, the choice of indicator, unit and
period, and an explicit confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render

from danvan.accounts.access import can, visible_units
from danvan.core.errors import DomainError
from danvan.core.numbers import format_number
from danvan.core.periods import Period, PeriodError
from danvan.documents.services import get_figure_for_user
from danvan.reporting.forms import FigureValueForm, _years
from danvan.reporting.routes import pages
from danvan.reporting.services.figures import (
    ValueExists,
    existing_value,
    sentence_parts,
    suggest_period,
)
from danvan.reporting.services.figures import (
    value_from_figure as record_value,
)


@pages.route("so-lieu/tu-van-ban/<int:figure_pk>/")
@login_required
def value_from_figure(request, figure_pk):
    figure = get_figure_for_user(request.user, figure_pk)
    doc = figure.document
    units = (
        visible_units(request.user, "edit")
        .filter(valid_to__isnull=True)
        .annotate(
            own=Case(
                When(pk=doc.unit_id, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("own", "path")
    )
    if not units.exists():
        raise PermissionDenied("Bạn không có quyền nhập số liệu chỉ tiêu.")
    suggested = suggest_period(doc.period_start, doc.period_end, doc.year)
    years = sorted(set(_years()) | ({doc.year} if doc.year else set()), reverse=True)
    form = FigureValueForm(
        request.POST or None,
        units=units,
        years=years,
        initial={
            "unit": doc.unit if can(request.user, "edit", doc.unit) else units.first(),
            "period": suggested,
        },
    )
    choices = form.fields["period"].choices
    if suggested and suggested not in {c for c, _ in choices}:
        form.fields["period"].choices = [*choices, (suggested, Period.parse(suggested).label)]
    existing = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        period = Period.parse(d["period"])
        try:
            value = record_value(
                request.user,
                figure,
                indicator=d["indicator"],
                unit=d["unit"],
                period=period,
                confirmed=d["confirmed"],
                replace=d["replace"],
            )
        except ValueExists as exc:
            existing = exc.existing
            form.add_error(None, exc.message)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                f"Đã lưu số liệu {format_number(value.value)} cho “{value.indicator.name}” "
                f"kỳ {period.label.lower()}, nguồn: văn bản lưu trữ.",
            )
            return redirect("reporting:value_detail", pk=value.pk)
    elif request.method == "POST":
        d = form.cleaned_data
        if d.get("indicator") and d.get("unit") and d.get("period"):
            try:
                existing = existing_value(d["indicator"], d["unit"], Period.parse(d["period"]))
            except PeriodError:
                existing = None
    return render(
        request,
        "reporting/value_from_figure.html",
        {
            "figure": figure,
            "doc": doc,
            "parts": sentence_parts(figure.text, figure.value),
            "form": form,
            "existing": existing,
            "suggested": Period.parse(suggested).label if suggested else "",
        },
    )
