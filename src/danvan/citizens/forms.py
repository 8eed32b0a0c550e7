"""Forms of the citizen pages: they parse input; services decide."""

from __future__ import annotations

from django import forms

from .models import Channel, CommitmentStatus, Kind, Outcome, Place, Sector

DATE = forms.DateInput(attrs={"type": "date"})


class ReceptionForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label="Đơn vị tiếp")
    received_on = forms.DateField(label="Ngày tiếp", widget=DATE)
    place = forms.ChoiceField(label="Hình thức tiếp", choices=Place.choices)
    citizen_name = forms.CharField(label="Họ tên công dân", required=False, max_length=200)
    citizen_address = forms.CharField(label="Địa chỉ", required=False, max_length=300)
    citizen_id_number = forms.CharField(
        label="Số CCCD/CMND (không bắt buộc)", required=False, max_length=20
    )
    group_size = forms.IntegerField(
        label="Số người (đoàn đông người: ghi số người)", min_value=1, initial=1
    )
    content = forms.CharField(label="Nội dung trình bày", widget=forms.Textarea(attrs={"rows": 3}))
    field = forms.ChoiceField(label="Lĩnh vực", choices=Sector.choices, initial=Sector.OTHER)
    outcome = forms.ChoiceField(label="Kết quả tiếp", choices=Outcome.choices)
    petition_kind = forms.ChoiceField(
        label="Loại đơn (khi tiếp nhận đơn)", required=False, choices=[("", "—")] + Kind.choices
    )


class PetitionForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label="Đơn vị tiếp nhận")
    received_on = forms.DateField(label="Ngày nhận đơn", widget=DATE)
    channel = forms.ChoiceField(label="Nguồn đơn", choices=Channel.choices)
    forwarded_from = forms.CharField(label="Cơ quan chuyển đến (nếu có)", required=False)
    kind = forms.ChoiceField(label="Loại đơn", choices=Kind.choices)
    anonymous = forms.BooleanField(label="Đơn nặc danh", required=False)
    complainant_name = forms.CharField(label="Họ tên người gửi", required=False, max_length=200)
    complainant_address = forms.CharField(label="Địa chỉ", required=False, max_length=300)
    complainant_id_number = forms.CharField(label="Số CCCD/CMND", required=False, max_length=20)
    subject = forms.CharField(label="Tóm tắt nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    field = forms.ChoiceField(label="Lĩnh vực", choices=Sector.choices, initial=Sector.OTHER)


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label="Loại đơn", choices=Kind.choices)
    eligible = forms.BooleanField(label="Đủ điều kiện xử lý", required=False)
    competent = forms.BooleanField(label="Thuộc thẩm quyền giải quyết", required=False)
    complex_case = forms.BooleanField(label="Vụ việc phức tạp", required=False)
    very_complex = forms.BooleanField(label="Vụ việc đặc biệt phức tạp", required=False)
    remote_area = forms.BooleanField(label="Vùng sâu, vùng xa, đi lại khó khăn", required=False)


class ForwardForm(forms.Form):
    to_name = forms.CharField(label="Cơ quan có thẩm quyền", max_length=255)
    on = forms.DateField(label="Ngày chuyển", widget=DATE, required=False)


class DateTextForm(forms.Form):
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label="Ngày", widget=DATE, required=False)


class ConfirmForm(forms.Form):
    """A step with nothing to type (closure)."""


class OnForm(forms.Form):
    on = forms.DateField(label="Ngày", widget=DATE, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do gia hạn", max_length=300)


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class AssignForm(forms.Form):
    assignee = StaffChoice(queryset=None, label="Cán bộ xác minh")


class DialogueForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label="Đơn vị")
    held_on = forms.DateField(label="Ngày đối thoại", widget=DATE)
    title = forms.CharField(label="Chủ đề", max_length=300)
    chaired_by = forms.CharField(label="Người chủ trì", max_length=200)
    audience = forms.ChoiceField(
        label="Đối tượng", choices=[("citizens", "Nhân dân"), ("staff", "Cán bộ, người lao động")]
    )
    participants = forms.CharField(
        label="Thành phần tham dự", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    participant_count = forms.IntegerField(label="Số người tham dự", min_value=0, initial=0)
    topics = forms.CharField(
        label="Ý kiến, kiến nghị nêu ra", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommitmentForm(forms.Form):
    content = forms.CharField(label="Nội dung cam kết", widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label="Người, bộ phận thực hiện", max_length=200)
    due_on = forms.DateField(label="Hạn thực hiện", widget=DATE)


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label="Tình trạng", choices=CommitmentStatus.choices)
    note = forms.CharField(label="Kết quả theo dõi", required=False)


class ImportForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label="Đơn vị tiếp")
    file = forms.FileField(label="Tệp Excel (.xlsx) của sổ tiếp công dân")
