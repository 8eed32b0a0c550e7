"""“Nhật ký thay đổi”: browse the audit log, per object and per user.

Only admins come here. A superuser sees every entry; a unit admin sees the
entries whose unit lies inside the subtrees they administer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import ForeignObjectRel
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from danvan.accounts.access import can_admin_site, is_global_admin, visible_units
from danvan.accounts.services import manageable_users
from danvan.orgunits.models import OrgUnit
from danvan.web.forms import VietnameseForm, date_field
from danvan.web.paging import query_without_page
from danvan.web.sorting import Column, sorted_page

from .models import AuditEntry
from .routes import pages

PAGE_SIZE = 25

VERBS = {
    "rename": "Sửa thông tin, đổi tên",
    "move": "Chuyển đơn vị cấp trên",
    "close": "Giải thể",
    "merge": "Sáp nhập",
    "split": "Chia tách",
    "transfer": "Điều chuyển",
    "reset_password": "Đặt lại mật khẩu",
    "deactivate": "Khóa tài khoản",
    "activate": "Mở khóa tài khoản",
    "add_role": "Giao vai trò",
    "remove_role": "Gỡ vai trò",
}

OBJECT_TYPES = {
    "orgunits.orgunit": "Đơn vị",
    "orgunits.staffmember": "Cán bộ",
    "auth.user": "Người dùng",
    "accounts.role": "Vai trò",
}

OBJECT_URLS = {
    "orgunits.orgunit": "orgunits:unit_detail",
    "orgunits.staffmember": "orgunits:staff_detail",
    "auth.user": "accounts:user_detail",
}

EXTRA_LABELS = {"role": "Vai trò", "_": "Chi tiết", "into": "Đơn vị tiếp nhận"}
HIDDEN_FIELDS = {"path", "depth", "password"}


class FilterForm(VietnameseForm):
    tu = date_field("Từ ngày")
    den = date_field("Đến ngày")
    thao_tac = forms.ChoiceField(
        label="Loại thay đổi", required=False, choices=[("", "Tất cả"), *AuditEntry.ACTIONS]
    )
    loai = forms.ChoiceField(label="Loại đối tượng", required=False, choices=[("", "Tất cả")])
    q = forms.CharField(label="Tìm theo tên đối tượng", required=False, max_length=100)

    def __init__(self, *args, types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["loai"]).choices = [("", "Tất cả")] + [
            (t, _type_label(t)) for t in sorted(types, key=_type_label)
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("tu") and cleaned.get("den") and cleaned["den"] < cleaned["tu"]:
            self.add_error("den", "“Đến ngày” phải sau “Từ ngày”.")
        return cleaned


def _type_label(object_type: str) -> str:
    if object_type in OBJECT_TYPES:
        return OBJECT_TYPES[object_type]
    model = _model(object_type)
    return str(model._meta.verbose_name).capitalize() if model else object_type


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def history_url(object_type: str, object_id) -> str:
    """The “Lịch sử thay đổi” page of one object (other apps link to it)."""
    return reverse("audit:object") + "?" + urlencode({"loai": object_type, "ma": object_id})


def scoped_entries(user):
    """The entries `user` may read; PermissionDenied for non-admins."""
    if not can_admin_site(user):
        raise PermissionDenied("Chỉ quản trị được xem nhật ký thay đổi.")
    qs = AuditEntry.objects.select_related("user")
    if is_global_admin(user):
        return qs
    return qs.filter(unit_id__in=visible_units(user, "admin").values("pk"))


# --- readable changes --------------------------------------------------------


MAX_SHOWN = 300  # characters of one value shown; the rest is cut with “…”


def _changes(entry: AuditEntry) -> dict[str, Any]:
    """The stored changes as a dict whatever was stored (old entries, hand edits)."""
    changes = entry.changes
    if isinstance(changes, dict):
        return {str(k): v for k, v in changes.items()}
    if changes in (None, "", [], {}):
        return {}
    return {"_": changes}


def _pk(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


class _Formatter:
    """Turns the JSON of a page of entries into labelled before → after rows.

    Total by design: any key (a field, a deleted field, a reverse relation, a
    many-to-many, a free label), any JSON value and any object type (even a
    model that no longer exists) gives a row of text; the log must always open."""

    def __init__(self, user, entries: list[AuditEntry]) -> None:
        unit_ids: set[int] = set()
        for e in entries:
            model = _model(e.object_type)
            for key, pair in _changes(e).items():
                field = self._field(model, key)
                if field is not None and self._is_unit_fk(field) and isinstance(pair, list):
                    unit_ids.update(pk for v in pair if (pk := _pk(v)) is not None)
                if key == "_" and isinstance(pair, dict):
                    into = pair.get("into")
                    into = into if isinstance(into, list) else [into]
                    unit_ids.update(pk for v in into if (pk := _pk(v)) is not None)
        self.units = {
            u.pk: u for u in visible_units(user).filter(pk__in=unit_ids).only("pk", "name")
        }

    @staticmethod
    def _field(model, key: str):
        """The model field named ``key`` (forward, many-to-many or reverse), or None."""
        if model is None:
            return None
        for f in model._meta.concrete_fields:
            if f.attname == key or f.name == key:
                return f
        try:
            return model._meta.get_field(key)
        except FieldDoesNotExist:
            return None

    @staticmethod
    def _label(field, key: str) -> str:
        if isinstance(field, ForeignObjectRel):  # a reverse relation: name what it holds
            label = str(field.related_model._meta.verbose_name_plural)
        elif field is not None and getattr(field, "verbose_name", None):
            label = str(field.verbose_name)
        else:
            label = EXTRA_LABELS.get(key, key) or "—"
        return label[:1].upper() + label[1:]

    @staticmethod
    def _is_unit_fk(field) -> bool:
        return (
            not isinstance(field, ForeignObjectRel)
            and getattr(field, "related_model", None) is OrgUnit
        )

    def _unit(self, pk: Any) -> str:
        unit = self.units.get(pk) if _pk(pk) is not None else None
        if unit is not None:
            return unit.name
        return f"đơn vị #{pk}" if pk not in (None, "") else "—"

    def value(self, field, v: Any) -> str:
        return _short(self._value(field, v))

    def _value(self, field, v: Any) -> str:
        if v is None or v == "":
            return "—"
        if isinstance(v, bool):
            return "Có" if v else "Không"
        if isinstance(v, list):
            return ", ".join(self._value(None, x) for x in v) or "—"
        if isinstance(v, dict):
            return "; ".join(
                f"{EXTRA_LABELS.get(str(k), str(k))}: {self._value(None, x)}" for k, x in v.items()
            )
        if field is not None and not isinstance(field, ForeignObjectRel):
            if self._is_unit_fk(field):
                return self._unit(v)
            choices = dict(field.flatchoices) if getattr(field, "choices", None) else None
            if choices and v in choices:
                return str(choices[v])
            if isinstance(v, str):
                return _date_text(field, v)
        return str(v)

    def rows(self, entry: AuditEntry) -> list[dict[str, str]]:
        model = _model(entry.object_type)
        out = []
        for key, pair in _changes(entry).items():
            if key in HIDDEN_FIELDS:
                continue
            if key == "_":
                detail = pair if isinstance(pair, dict) else {"_": pair}
                for k, v in detail.items():
                    shown = (
                        _short(
                            ", ".join(self._unit(x) for x in (v if isinstance(v, list) else [v]))
                        )
                        if k == "into"
                        else self.value(None, v)
                    )
                    label = EXTRA_LABELS.get(str(k), str(k))
                    out.append({"field": label, "before": "", "after": shown})
                continue
            field = self._field(model, key)
            before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            out.append(
                {
                    "field": self._label(field, key),
                    "before": self.value(field, before),
                    "after": self.value(field, after),
                }
            )
        return out


def _date_text(field, v: str) -> str:
    """A stored ISO date or datetime as Vietnamese text; anything else as it is."""
    try:
        if isinstance(field, models.DateTimeField):
            d = dt.datetime.fromisoformat(v)
            return f"{d:%H:%M} {d.day:02d}/{d.month}/{d.year}"
        if isinstance(field, models.DateField):
            day = dt.date.fromisoformat(v)
            return f"{day.day:02d}/{day.month}/{day.year}"
    except ValueError:
        pass
    return v


def _short(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _object_url(entry: AuditEntry) -> str | None:
    name = OBJECT_URLS.get(entry.object_type)
    if not name or entry.action == AuditEntry.DELETE:
        return None
    try:
        return reverse(name, args=[entry.object_id])
    except NoReverseMatch:
        return None


ENTRY_COLUMNS = [
    Column("thoi_diem", "Thời điểm", ("at", "id")),
    Column("nguoi", "Người thực hiện", ("user__username", "-at")),
    Column("thao_tac", "Thao tác", ("action", "-at")),
    Column("doi_tuong", "Đối tượng", ("object_type", "object_repr", "-at")),
]


def _render_list(request, qs, *, title: str, subtitle: str = "", base_url: str, fixed_type=False):
    types = list(qs.order_by().values_list("object_type", flat=True).distinct())
    form = FilterForm(request.GET or None, types=types)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("tu"):
            qs = qs.filter(at__date__gte=data["tu"])
        if data.get("den"):
            qs = qs.filter(at__date__lte=data["den"])
        if data.get("thao_tac"):
            qs = qs.filter(action=data["thao_tac"])
        if data.get("loai") and not fixed_type:
            qs = qs.filter(object_type=data["loai"])
        if data.get("q"):
            qs = qs.filter(object_repr__icontains=data["q"])
    page, sorting = sorted_page(request, qs, ENTRY_COLUMNS, "-thoi_diem", PAGE_SIZE)
    entries = list(page.object_list)
    fmt = _Formatter(request.user, entries)
    rows = [
        {
            "e": e,
            "verb": VERBS.get(e.verb, e.verb) or e.get_action_display(),
            "type": _type_label(e.object_type),
            "url": _object_url(e),
            "history": history_url(e.object_type, e.object_id),
            "changes": fmt.rows(e),
        }
        for e in entries
    ]
    return render(
        request,
        "audit/entry_list.html",
        {
            "title": title,
            "subtitle": subtitle,
            "form": form,
            "page": page,
            "sorting": sorting,
            "rows": rows,
            "querystring": query_without_page(request),
            "base_url": base_url,
            "fixed_type": fixed_type,
        },
    )


@pages.route("", name="index")
@login_required
def entry_list(request):
    qs = scoped_entries(request.user)
    return _render_list(request, qs, title="Nhật ký thay đổi", base_url=reverse("audit:index"))


@pages.route("doi-tuong/", name="object")
@login_required
def object_history(request):
    object_type = request.GET.get("loai", "")
    object_id = request.GET.get("ma", "")
    qs = scoped_entries(request.user)
    if not object_type or not object_id:
        raise Http404("Không rõ đối tượng cần xem lịch sử.")
    qs = qs.filter(object_type=object_type, object_id=object_id)
    latest = qs.order_by("-at", "-id").first()
    name = latest.object_repr if latest else f"#{object_id}"
    return _render_list(
        request,
        qs,
        title=f"Lịch sử thay đổi: {name}",
        subtitle=_type_label(object_type),
        base_url=history_url(object_type, object_id),
        fixed_type=True,
    )


@pages.route("nguoi-dung/<int:pk>/", name="user")
@login_required
def user_actions(request, pk: int):
    qs = scoped_entries(request.user)
    if pk == request.user.pk:
        target = request.user
    else:
        target = manageable_users(request.user).filter(pk=pk).first()
    if target is None:
        raise Http404("Không tìm thấy người dùng hoặc bạn không có quyền xem.")
    label = target.get_full_name() or target.username
    return _render_list(
        request,
        qs.filter(user=target),
        title=f"Thao tác của {label}",
        subtitle=f"Tên đăng nhập: {target.username}",
        base_url=reverse("audit:user", args=[pk]),
    )
