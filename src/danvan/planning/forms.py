"""Forms of the planning pages. They only parse input: writes go through services."""

from __future__ import annotations

import datetime as dt

from django import forms

from danvan.core.periods import period_choices
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.widgets import UnitPicker

from .models import Indicator, Initiative, InitiativeEvaluation, Movement, Plan, PlanTask
from .models.indicators import INDICATOR_FIELDS
from .models.movements import INITIATIVE_FORM_FIELDS, INITIATIVE_TEXT_FIELDS
from .services import PLAN_FIELDS, TASK_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _periods():
    this = dt.date.today().year
    years = range(this + 1, this - 6, -1)
    return period_choices(years) + [
        (f"{y}-{y + 4}", f"Giai đoạn {y}–{y + 4}") for y in range(2020, 2031, 5)
    ]


class MovementForm(forms.ModelForm):
    class Meta:
        model = Movement
        fields = ["organiser", "name", "start_year", "end_year", "description", "legal_bases"]
        widgets = {
            "organiser": UnitPicker(source="visible"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "legal_bases": forms.Textarea(attrs={"rows": 3}),
        }


class IdListField(forms.Field):
    """Several ids from checkboxes of the same name (checked by the service)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        try:
            return [int(v) for v in values]
        except (TypeError, ValueError):
            raise forms.ValidationError("Văn bản căn cứ đã chọn không hợp lệ.") from None


class MovementEditForm(forms.ModelForm):
    """A movement's details and its legal bases: free text lines, and entries of
    the legal-reference registry (checked in the picker)."""

    legal_references = IdListField(label="Văn bản căn cứ trong kho", required=False)

    class Meta:
        model = Movement
        fields = ["name", "start_year", "end_year", "description", "legal_bases"]
        widgets = MovementForm.Meta.widgets
        labels = {"legal_bases": "Căn cứ khác (ghi tay)"}


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["movement", "unit", "year", *INITIATIVE_FORM_FIELDS]
        widgets = {
            "unit": UnitPicker(source="visible"),
            "start_on": DATE,
            "end_on": DATE,
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in INITIATIVE_TEXT_FIELDS
                if f not in ("name", "timeframe")
            },
        }


class EvaluationForm(forms.Form):
    text = forms.CharField(
        label="Nội dung đánh giá, ý kiến", widget=forms.Textarea(attrs={"rows": 3})
    )
    rating = forms.ChoiceField(
        label="Xếp loại", choices=InitiativeEvaluation.RATINGS, required=False
    )


class InitiativeTargetForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label="Chỉ tiêu", queryset=Indicator.objects.filter(active=True)
    )
    value = forms.CharField(label="Giá trị", max_length=30)


class PlanForm(forms.ModelForm):
    period = forms.ChoiceField(label="Kỳ kế hoạch", choices=())

    class Meta:
        model = Plan
        # the unit and period, then what the service saves of a plan
        fields = ["unit", "period", *PLAN_FIELDS]
        widgets = {
            "unit": UnitPicker(source="visible"),
            "issued_on": DATE,
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in ("legal_bases", "purposes", "requirements", "implementation")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = _periods()


class TaskForm(forms.ModelForm):
    class Meta:
        model = PlanTask
        # what the service saves of a task, but its place in the list (kept by the page)
        fields = [f for f in TASK_FIELDS if f != "order"]
        widgets = {
            "responsible_unit": UnitPicker(source="visible"),
            "deadline": DATE,
            "title": forms.Textarea(attrs={"rows": 2}),
            "result": forms.Textarea(attrs={"rows": 2}),
        }


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = list(INDICATOR_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class TargetForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="Đơn vị", queryset=OrgUnit.objects.none(), widget=UnitPicker(source="visible")
    )
    indicator = forms.ModelChoiceField(
        label="Chỉ tiêu", queryset=Indicator.objects.filter(active=True)
    )
    period = forms.ChoiceField(label="Kỳ", choices=())
    value = forms.CharField(label="Kế hoạch", max_length=30, help_text="Ví dụ 8.500")
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            units
            if hasattr(units, "filter")
            else OrgUnit.objects.filter(pk__in=[u.pk for u in units])
        )
        self.fields["period"].choices = _periods()
