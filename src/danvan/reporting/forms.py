"""Forms of the reporting pages (Vietnamese labels and messages)."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms

from danvan.core.periods import period_choices
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.widgets import UnitPicker
from danvan.planning.models import Indicator

from .models import CutoffRule
from .models.requests import RequestKind


def _years() -> list[int]:
    this = dt.date.today().year
    return list(range(this + 1, this - 6, -1))


class RequestForm(forms.Form):
    requester_unit = forms.ModelChoiceField(
        label="Cơ quan yêu cầu", queryset=OrgUnit.objects.none(), empty_label=None
    )
    title = forms.CharField(label="Tên báo cáo", max_length=500)
    kind = forms.ChoiceField(label="Loại báo cáo", choices=RequestKind.choices)
    number = forms.CharField(label="Số, ký hiệu văn bản yêu cầu", max_length=60, required=False)
    period = forms.ChoiceField(label="Kỳ báo cáo", choices=())
    deadline = forms.DateField(
        label="Hạn nộp", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    grace_days = forms.IntegerField(label="Số ngày gia hạn", min_value=0, max_value=60, initial=0)
    reminder_days = forms.IntegerField(
        label="Nhắc trước hạn (ngày)", min_value=0, max_value=60, initial=3
    )
    cutoff_rule = forms.ModelChoiceField(
        label="Quy tắc chốt số liệu",
        queryset=CutoffRule.objects.all(),
        required=False,
        empty_label="Mặc định (Nghị định 09/2019/NĐ-CP)",
    )
    cutoff_start = forms.DateField(
        label="Chốt số liệu từ ngày (nếu khác quy tắc)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    cutoff_end = forms.DateField(
        label="Chốt số liệu đến ngày (nếu khác quy tắc)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    scope = forms.ChoiceField(
        label="Đơn vị phải báo cáo",
        choices=[
            ("list", "Chọn từng đơn vị trong danh sách"),
            ("children", "Các đơn vị trực thuộc của một đơn vị"),
            ("subtree", "Toàn bộ các đơn vị cấp dưới của một đơn vị"),
        ],
        initial="list",
        widget=forms.RadioSelect,
    )
    scope_root = forms.ModelChoiceField(
        label="Đơn vị gốc (khi chọn theo cây)",
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=UnitPicker(source="active"),
    )
    units = forms.ModelMultipleChoiceField(
        label="Danh sách đơn vị",
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=UnitPicker(multiple=True, source="active"),
        help_text="Gõ tên để tìm rồi đánh dấu từng đơn vị. Có thể chọn đơn vị ở nhánh khác "
        "của cây tổ chức.",
    )
    indicators = forms.ModelMultipleChoiceField(
        label="Chỉ tiêu trong biểu mẫu",
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    headings = forms.CharField(
        label="Đề cương (mỗi dòng một đề mục)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        initial="1. Kết quả thực hiện\n2. Khó khăn, vướng mắc\n3. Nhiệm vụ trọng tâm kỳ tới\n4. Đề xuất, kiến nghị",
    )
    instructions = forms.CharField(
        label="Hướng dẫn", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, requester_units=(), **kwargs):
        super().__init__(*args, **kwargs)
        active = OrgUnit.objects.filter(valid_to__isnull=True)
        self.fields["requester_unit"].queryset = OrgUnit.objects.filter(
            pk__in=[u.pk for u in requester_units]
        )
        self.fields["scope_root"].queryset = active
        self.fields["units"].queryset = active
        self.fields["indicators"].queryset = Indicator.objects.filter(active=True)
        self.fields["period"].choices = period_choices(_years()) + [
            (f"{y}-{y + 4}", f"Giai đoạn {y}–{y + 4}") for y in range(2020, 2031, 5)
        ]

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope in ("children", "subtree") and not data.get("scope_root"):
            self.add_error("scope_root", "Vui lòng chọn đơn vị gốc.")
        if scope == "list" and not data.get("units"):
            self.add_error("units", "Vui lòng chọn ít nhất một đơn vị.")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Vui lòng ghi lý do."},
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) theo mẫu")

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Tệp quá lớn (tối đa 5 MB).")
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận tệp Excel .xlsx (hãy dùng tệp mẫu).")
        return f


class FigureValueForm(forms.Form):
    """Record a document's figure as an indicator value (with a confirm step)."""

    indicator = forms.ModelChoiceField(
        label="Chỉ tiêu",
        queryset=Indicator.objects.none(),
        error_messages={
            "required": "Vui lòng chọn chỉ tiêu.",
            "invalid_choice": "Chỉ tiêu không hợp lệ.",
        },
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị",
        queryset=OrgUnit.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Vui lòng chọn đơn vị.",
            "invalid_choice": "Bạn không có quyền nhập số liệu cho đơn vị này.",
        },
    )
    period = forms.ChoiceField(
        label="Kỳ báo cáo",
        choices=(),
        error_messages={
            "required": "Vui lòng chọn kỳ báo cáo.",
            "invalid_choice": "Kỳ báo cáo không hợp lệ.",
        },
    )
    confirmed = forms.BooleanField(
        label="Tôi đã đối chiếu số liệu với câu trích trong văn bản", required=False
    )
    replace = forms.BooleanField(label="Thay thế số liệu hiện có", required=False)

    def __init__(self, *args, units, years, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["indicator"]).queryset = Indicator.objects.filter(
            active=True
        ).exclude(aggregation="ratio")
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            ("", "— Chọn kỳ —")
        ] + period_choices(years)
