"""Shared pieces of the REST API: schemas, pagination, errors, rights.

Every app's api.py builds on these so that all endpoints answer alike:

- lists use ``@paginate(Pagination)`` (or plain ``@paginate``: it is the
  default class; ``paged_list`` adds optional filters) and answer ``{"count", "limit", "offset", "items"}``;
- errors answer ``{"detail": "<Vietnamese>", "field": ..., "code": ...}``
  (see ``ERRORS`` to document them in the schema);
- handlers read the caller with ``user_of(request)`` and check rights with
  ``require(user, action, unit)`` (403) after looking objects up through
  ``danvan.accounts.access`` (404 outside the caller's scope).
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import PaginationBase, paginate
from pydantic import create_model

from danvan.accounts import access
from danvan.core.errors import DomainError
from danvan.orgunits.models import OrgUnit

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Far past any list we hold, far below the 64-bit integers SQLite and PostgreSQL take.
MAX_OFFSET = 1_000_000_000

MSG_UNAUTHENTICATED = (
    "Bạn chưa đăng nhập. Hãy đăng nhập hoặc gửi mã truy cập (token) hợp lệ "
    "trong tiêu đề Authorization: Bearer dv_…"
)
MSG_BAD_TOKEN = "Mã truy cập (token) không hợp lệ, đã bị thu hồi hoặc tài khoản đã bị khóa."
MSG_EXPIRED_TOKEN = (
    "Mã truy cập (token) đã hết hạn. Hãy đăng nhập trang “Mã truy cập API” để cấp mã mới."
)
MSG_TOKEN_MINTS_TOKEN = (
    "Không thể dùng mã truy cập để cấp mã mới: hãy đăng nhập trên trình duyệt "
    "(trang “Mã truy cập API”) hoặc nhờ quản trị máy chủ dùng lệnh danvan token issue."
)
MSG_CSRF = (
    "Thiếu hoặc sai mã CSRF. Khi dùng phiên đăng nhập, hãy gửi cookie csrftoken và "
    "tiêu đề X-CSRFToken; hoặc dùng mã truy cập (token)."
)
MSG_NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền xem."
MSG_FORBIDDEN = "Bạn không có quyền thực hiện thao tác này."
MSG_SERVER_ERROR = "Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại hoặc báo quản trị."
MSG_OFFSET_TOO_LARGE = f"Tham số offset quá lớn (tối đa {MAX_OFFSET:,}).".replace(",", ".")
MSG_NUMBER_TOO_LARGE = (
    "Dữ liệu gửi lên vượt giới hạn lưu trữ (một số quá lớn hoặc một đoạn văn bản quá dài)."
)

# Which action word the rights checks use, in Vietnamese, for messages.
ACTION_LABELS = {
    "view": "xem",
    "edit": "cập nhật",
    "approve": "duyệt",
    "review": "thẩm định",
    "council": "thao tác của Hội đồng thi đua – khen thưởng",
    "admin": "quản trị",
}


# -- error schemas -------------------------------------------------------------


class ErrorOut(Schema):
    """The body of every error answer."""

    detail: str = Field(..., description="Thông báo lỗi bằng tiếng Việt")
    field: str | None = Field(None, description="Trường dữ liệu gây lỗi, nếu có")
    code: str | None = Field(None, description="Mã lỗi ngắn, ổn định (cho chương trình)")


class FieldErrorOut(Schema):
    field: str
    location: str = Field(..., description="body, query hoặc path")
    message: str


class ValidationErrorOut(ErrorOut):
    errors: list[FieldErrorOut] = []


ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}
"""Error answers for ``response={200: X, **ERRORS}``, so the schema lists them."""


def responses(ok: Any, status: int = 200, *codes: int) -> dict[int, Any]:
    """``{status: ok}`` plus the error schemas (all of them, or only ``codes``)."""
    wanted = codes or tuple(ERRORS)
    return {status: ok, **{c: ERRORS[c] for c in wanted}}


# -- pagination ----------------------------------------------------------------


def bounded(limit: int, offset: int) -> tuple[int, int]:
    """The one place paging is bounded: limit cut to 1..MAX_LIMIT, offset 0..MAX_OFFSET
    (a 400 in Vietnamese beyond, never a database overflow)."""
    if offset < 0:
        raise DomainError("Tham số offset không được âm.", field="offset", code="bad_request")
    if offset > MAX_OFFSET:
        raise DomainError(MSG_OFFSET_TOO_LARGE, field="offset", code="bad_request")
    return max(1, min(limit, MAX_LIMIT)), offset


class Pagination(PaginationBase):
    """limit/offset pagination; limit is capped at 500, the envelope says what was used."""

    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT,
            ge=1,
            description=f"Số bản ghi mỗi trang (mặc định {DEFAULT_LIMIT}, tối đa {MAX_LIMIT})",
        )
        offset: int = Field(0, ge=0, description="Bỏ qua bao nhiêu bản ghi đầu")

    class Output(Schema):
        count: int = Field(..., description="Tổng số bản ghi khớp bộ lọc")
        limit: int
        offset: int
        items: list[Any]

    def paginate_queryset(self, queryset, pagination: Input, request, **params: Any) -> Any:
        limit, offset = bounded(pagination.limit, pagination.offset)
        return {
            "count": self._items_count(queryset),
            "limit": limit,
            "offset": offset,
            "items": queryset[offset : offset + limit],
        }


# -- callers and rights --------------------------------------------------------


def user_of(request):
    """The authenticated caller (session or token)."""
    return getattr(request, "auth", None) or request.user


class ObjectActions:
    """Endpoints that act on one object the path names, e.g. ``/reports/{pk}``.

    Each resolves the caller, looks the object up in the caller's scope with
    ``lookup(user, id)`` (404 outside it), calls ``view(user, obj, **params)`` (the
    services it calls check rights, 403, and rules, 400) and answers
    ``answer(user, result)`` (a None result, e.g. of a deletion, answers nothing).
    ``route`` decorates such a view; ``add`` makes one from a service taking the
    payload's fields as keyword arguments. A handler keeps the view's name (operation id, URL name) and
    docstring (the description)."""

    def __init__(
        self,
        router: Router,
        module: str,
        path: str,
        lookup: Callable[[Any, int], Any],
        answer: Callable[[Any, Any], Any] | None = None,
    ) -> None:
        self.router, self.module, self.path = router, module, path
        self.lookup, self.answer = lookup, answer
        self.key = re.findall(r"\{(\w+)\}", path)[-1]

    def act(self, request, pk: int, view: Callable[..., Any], **params: Any) -> Any:
        user = user_of(request)
        result = view(user, self.lookup(user, pk), **params)
        return result if self.answer is None or result is None else self.answer(user, result)

    def route(
        self, method: str, suffix: str, response: dict[int, Any], summary: str | None = None
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register ``view(user, obj, <its other parameters>)`` as `method` on the path
        plus `suffix`; the other parameters (payload, query) come from the request."""

        def register(view: Callable[..., Any]) -> Callable[..., Any]:
            own = list(inspect.signature(view, eval_str=True).parameters.values())[2:]
            self._register(method, suffix, response, summary, view, own)
            return view

        return register

    def add(
        self,
        method: str,
        suffix: str,
        name: str,
        service: Callable[..., Any],
        response: dict[int, Any],
        summary: str | None = None,
        payload: type[Schema] | None = None,
    ) -> None:
        """Register ``service(user, obj, **the payload's fields)`` as the handler `name`."""

        def view(user, obj, payload: Schema | None = None) -> Any:
            return service(user, obj, **({} if payload is None else payload.dict()))

        view.__name__ = name
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        own = [] if payload is None else [inspect.Parameter("payload", kind, annotation=payload)]
        self._register(method, suffix, response, summary, view, own)

    def _register(
        self,
        method: str,
        suffix: str,
        response: dict[int, Any],
        summary: str | None,
        view: Callable[..., Any],
        own: list[inspect.Parameter],
    ) -> None:
        status = next(iter(response))

        def handler(request, **values: Any) -> tuple[int, Any]:
            pk = values.pop(self.key)
            return status, self.act(request, pk, view, **values)

        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        path_id = inspect.Parameter(self.key, kind, annotation=int)
        params = [inspect.Parameter("request", kind), path_id, *own]
        handler.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        handler.__name__ = handler.__qualname__ = view.__name__
        handler.__module__ = self.module
        handler.__doc__ = view.__doc__
        route = self.router.api_operation(
            [method], self.path + suffix, response=response, summary=summary
        )
        route(handler)


def require(user, action: str, unit: OrgUnit | None) -> None:
    """403 unless `user` may do `action` on `unit` (None: the top of the tree).

    Look the unit up with the access helpers first, so units outside the
    caller's scope are a 404, never a 403."""
    allowed = access.is_global_admin(user) if unit is None else access.can(user, action, unit)
    if not allowed:
        label = ACTION_LABELS.get(action, action)
        raise PermissionDenied(f"Bạn không có quyền {label} đối với đơn vị này.")


def require_site_admin(user) -> None:
    if not access.can_admin_site(user):
        raise PermissionDenied("Chỉ quản trị hệ thống được dùng chức năng này.")


# -- org units seen from the caller ------------------------------------------------


class UnitRef(Schema):
    """A unit named in another object."""

    id: int
    name: str
    short_code: str
    kind: str


class LegalReferenceRef(Schema):
    """An entry of the legal-reference registry named in another object."""

    id: int
    doc_type: str
    number: str
    issued_on: dt.date | None
    issuer: str
    title: str


class UnitOwnedOut(Schema):
    """Base of an answer about an object of one unit: its ``unit`` field (declared by
    the subclass, a UnitRef) is filled from ``obj.unit``."""

    @staticmethod
    def resolve_unit(obj) -> dict[str, Any] | None:
        return unit_ref(obj.unit)


class StatusLabelOut(Schema):
    """Base of an answer with a ``status_label`` field (declared by the subclass): the
    status in Vietnamese, the label of the model's choice."""

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


def unit_ref(unit: OrgUnit | None) -> dict[str, Any] | None:
    if unit is None:
        return None
    return {"id": unit.pk, "name": unit.name, "short_code": unit.short_code, "kind": unit.kind}


def visible_ids(user, ids) -> set[int]:
    """Which of `ids` are units the caller may see (one query)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return set()
    return set(
        access.visible_units(user, "view").filter(pk__in=wanted).values_list("pk", flat=True)
    )


def annotate_parent_visible(qs: QuerySet, user) -> QuerySet:
    """Add ``parent_visible`` to a unit queryset: whether the parent is in scope."""
    return qs.annotate(
        parent_visible=Exists(access.visible_units(user, "view").filter(pk=OuterRef("parent_id")))
    )


def pick(obj: Any, *names: str) -> dict[str, Any]:
    """``{name: obj.<name>}`` for each of `names`: an answer built from chosen attributes."""
    return {name: getattr(obj, name) for name in names}


def local(moment: dt.datetime | None) -> dt.datetime | None:
    """An aware datetime in the site's time zone (ISO output then reads +07:00)."""
    return None if moment is None else timezone.localtime(moment)


def paged_list(
    router: Router, path: str, out: Any, summary: str, **filters: Any
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``view(request, filters)`` as GET `path`: one page of `out` items. The
    `filters` (name=type) are optional query parameters, None when left out (their
    schema is named after `out`: ReportOut → ReportFilter); the view narrows its scoped
    rows with them through ``filtered``."""
    fields: dict[str, Any] = {key: (kind | None, None) for key, kind in filters.items()}
    name = out.__name__.removesuffix("Out") + "Filter"
    schema = create_model(name, __base__=Schema, **fields)
    query: Any = Query  # a type alias for mypy; here it takes a schema built at run time
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [
        inspect.Parameter("request", kind),
        inspect.Parameter("filters", kind, annotation=query[schema]),
    ]

    def register(view: Callable[..., Any]) -> Callable[..., Any]:
        view.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        return router.get(path, response=list[out], summary=summary)(paginate(Pagination)(view))

    return register


def filtered(qs: QuerySet, filters: Schema, *order: str) -> QuerySet:
    """Narrow a list to the filters the request gave (a filter left out is None), in `order`."""
    return qs.filter(**filters.dict(exclude_none=True)).order_by(*order)


def active_q(prefix: str, active: bool, on: dt.date | None = None) -> Q:
    """Rows active on `on` (today) by their ``<prefix>_to`` end date, or the others."""
    on = on or dt.date.today()
    q = Q(**{f"{prefix}__isnull": True}) | Q(**{f"{prefix}__gte": on})
    return q if active else ~q
