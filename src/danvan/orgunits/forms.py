"""Forms for the org tree pages: they parse input; the services decide."""

from __future__ import annotations

from typing import cast

from django import forms

from danvan.web.forms import (
    UnitChoiceField,
    UnitMultipleChoiceField,
    VietnameseForm,
    date_field,
)

from .models import OrgUnit, UnitKind
from .services import birth_date_error


class UnitForm(VietnameseForm):
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    short_code = forms.CharField(
        label="Tên viết tắt",
        max_length=40,
        required=False,
        help_text="Dùng trong số, ký hiệu văn bản, ví dụ TTDVVL.",
    )
    kind = forms.ChoiceField(label="Loại đơn vị", choices=UnitKind.choices)
    place_name = forms.CharField(label="Địa danh", max_length=120, required=False)
    valid_from = date_field("Hiệu lực từ ngày")
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MoveForm(VietnameseForm):
    parent = UnitChoiceField(label="Cơ quan chủ quản mới", queryset=OrgUnit.objects.none())
    on = date_field("Ngày điều chuyển")

    def __init__(self, *args, unit: OrgUnit, choices, allow_top: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["parent"])
        field.queryset = choices.filter(valid_to__isnull=True).exclude(path__startswith=unit.path)
        field.required = not allow_top
        field.empty_label = "(Không có – đơn vị cấp cao nhất)" if allow_top else "– Chọn –"
        field.error_messages["invalid_choice"] = (
            "Không thể chuyển tới đơn vị đã chọn: đó là chính đơn vị này, một đơn vị cấp dưới "
            "của nó, một đơn vị đã giải thể hoặc một đơn vị bạn không quản trị."
        )


class CloseForm(VietnameseForm):
    on = date_field("Ngày giải thể", required=True)
    note = forms.CharField(
        label="Căn cứ, ghi chú",
        required=False,
        max_length=500,
        help_text="Ví dụ: Quyết định số .../QĐ-UBND ngày ...",
    )


MERGE_EXISTING, MERGE_NEW = "existing", "new"


class MergeForm(VietnameseForm):
    units = UnitMultipleChoiceField(
        label="Các đơn vị sáp nhập",
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    mode = forms.ChoiceField(
        label="Đơn vị sau sáp nhập",
        choices=[
            (MERGE_NEW, "Thành lập đơn vị mới"),
            (MERGE_EXISTING, "Sáp nhập vào đơn vị có sẵn"),
        ],
        widget=forms.RadioSelect,
        initial=MERGE_NEW,
    )
    into = UnitChoiceField(
        label="Đơn vị tiếp nhận (nếu sáp nhập vào đơn vị có sẵn)",
        queryset=OrgUnit.objects.none(),
        required=False,
    )
    name = forms.CharField(label="Tên đơn vị mới", max_length=255, required=False)
    short_code = forms.CharField(label="Tên viết tắt đơn vị mới", max_length=40, required=False)
    kind = forms.ChoiceField(
        label="Loại đơn vị mới", choices=[("", "– Chọn –"), *UnitKind.choices], required=False
    )
    on = date_field("Ngày sáp nhập", required=True)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        active = choices.filter(valid_to__isnull=True)
        self.fields["units"].queryset = active
        self.fields["into"].queryset = active

    def clean(self):
        cleaned = super().clean()
        units = list(cleaned.get("units") or [])
        if cleaned.get("mode") == MERGE_EXISTING:
            into = cleaned.get("into")
            if into is None:
                self.add_error("into", "Vui lòng chọn đơn vị tiếp nhận.")
            elif not [u for u in units if u.pk != into.pk]:
                self.add_error("units", "Cần chọn ít nhất một đơn vị khác đơn vị tiếp nhận.")
        elif cleaned.get("mode") == MERGE_NEW:
            if len(units) < 2 and "units" not in self.errors:
                self.add_error("units", "Cần chọn ít nhất hai đơn vị để sáp nhập.")
            if not (cleaned.get("name") or "").strip():
                self.add_error("name", "Vui lòng nhập tên đơn vị mới.")
            if not cleaned.get("kind"):
                self.add_error("kind", "Vui lòng chọn loại đơn vị mới.")
        return cleaned


class SplitForm(VietnameseForm):
    on = date_field("Ngày chia tách", required=True)


class SplitPartForm(VietnameseForm):
    name = forms.CharField(label="Tên đơn vị mới", max_length=255, required=False)
    short_code = forms.CharField(label="Tên viết tắt", max_length=40, required=False)
    kind = forms.ChoiceField(label="Loại đơn vị", choices=UnitKind.choices, required=False)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("short_code") or "").strip() and not (cleaned.get("name") or "").strip():
            self.add_error("name", "Vui lòng nhập tên đơn vị mới.")
        return cleaned


class BaseSplitFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        named = [f.cleaned_data for f in self.forms if (f.cleaned_data.get("name") or "").strip()]
        if len(named) < 2:
            raise forms.ValidationError(
                "Chia tách cần ít nhất hai đơn vị mới (nhập tên từng đơn vị)."
            )
        codes = [d["short_code"].strip().upper() for d in named if d.get("short_code")]
        if len(codes) != len(set(codes)):
            raise forms.ValidationError("Các đơn vị mới không được trùng tên viết tắt.")

    def parts(self, default_kind: str) -> list[dict]:
        return [
            {
                "name": f.cleaned_data["name"].strip(),
                "short_code": f.cleaned_data.get("short_code", ""),
                "kind": f.cleaned_data.get("kind") or default_kind,
            }
            for f in self.forms
            if (f.cleaned_data.get("name") or "").strip()
        ]


SplitPartFormSet = forms.formset_factory(
    SplitPartForm, formset=BaseSplitFormSet, extra=3, max_num=20, absolute_max=20
)


class StaffForm(VietnameseForm):
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    birth_date = date_field("Ngày sinh")
    gender = forms.ChoiceField(
        label="Giới tính", choices=[("", "–"), ("nam", "Nam"), ("nu", "Nữ")], required=False
    )
    position = forms.CharField(label="Chức vụ", max_length=120, required=False)
    code = forms.CharField(label="Mã cán bộ", max_length=40, required=False)
    recruited_on = date_field("Ngày tuyển dụng")
    active_from = date_field("Bắt đầu công tác")

    def clean(self):
        cleaned = super().clean()
        if (msg := birth_date_error(cleaned.get("birth_date"))) is not None:
            self.add_error("birth_date", msg)
        return cleaned


class StaffCreateForm(StaffForm):
    unit = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none())

    field_order = ["unit"]

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = choices.filter(valid_to__isnull=True)
        self.order_fields(["unit"])


class TransferForm(VietnameseForm):
    to = UnitChoiceField(label="Đơn vị mới", queryset=OrgUnit.objects.none())
    on = date_field("Ngày điều chuyển", required=True)
    position = forms.CharField(
        label="Chức vụ ở đơn vị mới",
        max_length=120,
        required=False,
        help_text="Để trống nếu giữ nguyên chức vụ.",
    )

    def __init__(self, *args, choices, current: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["to"]).queryset = choices.filter(
            valid_to__isnull=True
        ).exclude(pk=current.pk)


class EndServiceForm(VietnameseForm):
    on = date_field("Ngày kết thúc công tác", required=True)
