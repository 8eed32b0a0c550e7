"""Form parts every face shares: Vietnamese built-in messages, date and unit
fields, and showing a service's refusal on the form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.validators import EmailValidator

from danvan.core.errors import DomainError
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.widgets import UnitPicker

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def pick(data: Mapping[str, Any], names: str) -> dict[str, Any]:
    """The named entries of a form's cleaned data (names apart by spaces, as in
    namedtuple), to pass as keyword arguments to the service the form feeds."""
    return {name: data[name] for name in names.split()}


def date_field(label: str, *, required: bool = False, **kw) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DateInput, input_formats=DATE_INPUT_FORMATS, **kw
    )


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker whose options show the unit's place in the tree."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "– Chọn đơn vị –")
        kwargs.setdefault("widget", UnitPicker())
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: OrgUnit) -> str:
        return "\u2003" * obj.depth + obj.name + (f" ({obj.short_code})" if obj.short_code else "")


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", UnitPicker(multiple=True))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name + (f" ({obj.short_code})" if obj.short_code else "")


class VietnameseForm(forms.Form):
    """A form whose built-in error messages are in Vietnamese.

    Django's Vietnamese catalogue is incomplete, so the messages users meet
    most are set here, per field, naming the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = str(field.label or name).lower()
            msgs = field.error_messages
            if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
                msgs["required"] = f"Vui lòng chọn {label}."
            else:
                msgs["required"] = f"Vui lòng nhập {label}."
            msgs["invalid_choice"] = f"Lựa chọn {label} không hợp lệ."
            msgs["invalid_list"] = f"Danh sách {label} không hợp lệ."
            msgs["invalid_pk_value"] = f"Lựa chọn {label} không hợp lệ."
            if isinstance(field, forms.DateField):
                msgs["invalid"] = (
                    f"{label.capitalize()} không hợp lệ; hãy nhập ngày dạng 09/3/2022."
                )
            elif isinstance(field, forms.IntegerField):
                msgs["invalid"] = f"{label.capitalize()} phải là số nguyên."
            if isinstance(field, forms.EmailField):
                field.validators = [EmailValidator(message="Địa chỉ email không hợp lệ.")]
            if isinstance(field, forms.CharField) and field.max_length:
                field.validators = [
                    v for v in field.validators if getattr(v, "code", "") != "max_length"
                ]

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            limit = getattr(field, "max_length", None)
            if isinstance(value, str) and limit and len(value) > limit:
                self.add_error(name, f"Tối đa {limit} ký tự (đã nhập {len(value)}).")
        return cleaned

    def apply_error(self, err: DomainError | PermissionDenied, on_form: bool = False) -> None:
        """Show a service's refusal on the field it names, or above the form."""
        message = getattr(err, "message", None) or str(err)
        field = getattr(err, "field", None)
        self.add_error(None if on_form or field not in self.fields else field, message)
