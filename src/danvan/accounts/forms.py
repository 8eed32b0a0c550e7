"""Forms of the user and role pages: they parse input; accounts.services decides."""

from __future__ import annotations

from typing import cast

from django import forms

from danvan.orgunits.models import OrgUnit
from danvan.orgunits.widgets import UnitPicker
from danvan.web.forms import UnitChoiceField, VietnameseForm

from .models import RoleKind

ROLE_CHOICES = [("", "– Chọn vai trò –"), *RoleKind.choices]


class UserCreateForm(VietnameseForm):
    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        help_text="Chữ không dấu, chữ số, dấu chấm; ví dụ canbo.ttdvvl.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Email", required=False)
    password = forms.CharField(
        label="Mật khẩu ban đầu",
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Để trống để hệ thống tạo mật khẩu ngẫu nhiên (hiển thị một lần).",
    )
    unit = UnitChoiceField(
        label="Đơn vị",
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=UnitPicker(source="admin"),
    )
    kind = forms.ChoiceField(label="Vai trò", choices=ROLE_CHOICES, required=False)

    def __init__(self, *args, units, role_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        self.fields["unit"].required = role_required
        self.fields["kind"].required = role_required
        if role_required:
            self.fields["unit"].help_text = "Người dùng mới cần một vai trò ở đơn vị bạn quản trị."

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("unit")) != bool(cleaned.get("kind")):
            if not cleaned.get("unit") and "unit" not in self.errors:
                self.add_error("unit", "Vui lòng chọn đơn vị cho vai trò.")
            if not cleaned.get("kind") and "kind" not in self.errors:
                self.add_error("kind", "Vui lòng chọn vai trò.")
        return cleaned


class UserEditForm(VietnameseForm):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Email", required=False)


class RoleForm(VietnameseForm):
    unit = UnitChoiceField(
        label="Đơn vị", queryset=OrgUnit.objects.none(), widget=UnitPicker(source="admin")
    )
    kind = forms.ChoiceField(label="Vai trò", choices=ROLE_CHOICES)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PasswordResetForm(VietnameseForm):
    password = forms.CharField(
        label="Mật khẩu mới",
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Để trống để hệ thống tạo mật khẩu ngẫu nhiên (hiển thị một lần).",
    )
    password2 = forms.CharField(
        label="Nhập lại mật khẩu mới",
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("password") or "") != (cleaned.get("password2") or ""):
            self.add_error("password2", "Hai lần nhập mật khẩu không khớp.")
        return cleaned
