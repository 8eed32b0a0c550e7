"""The REST API: /api/v1/, schema at /api/v1/schema, docs at /api/v1/docs
(both need a login unless DANVAN_API_DOCS_PUBLIC is set).

Two ways in, tried in this order:
- a bearer token (``Authorization: Bearer dv_…``, issued by ``danvan token``);
  a token that is sent but unknown, revoked or of a locked account is a 401
  (no fallback to the session);
- the Django session (the logged-in browser), with CSRF enforced on unsafe
  methods (cookie ``csrftoken`` + header ``X-CSRFToken``).

Handlers use the same access helpers as the pages (out of scope → 404) and
call services for every write. Errors answer ``{"detail": "<Vietnamese>",
"field": ..., "code": ...}``; see danvan.api_common.

Each app contributes routers from its own ``danvan/<app>/api.py``:
``router`` (mounted at ``/<PREFIX or app name>``), or, for an app serving
several collections, ``ROUTERS``: a list of ``(prefix, router)`` pairs used
instead. See docs/API.md.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.signals import got_request_exception
from django.db import DataError
from django.http import Http404, JsonResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from danvan import api_common as common
from danvan.accounts.models import ApiToken
from danvan.app_parts import app_module
from danvan.core.errors import DomainError

logger = logging.getLogger("danvan.api")

APPS = (
    "orgunits",
    "accounts",
    "audit",
    "documents",
    "planning",
    "reporting",
    "emulation",
    "drafting",
    "citizens",
)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer dv_…``; only the token's SHA-256 is stored."""

    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        token = (token or "").strip()
        record = None
        if token:
            record = (
                ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(token)).first()
            )
        if record is None or not record.user.is_active:
            raise AuthenticationError(401, common.MSG_BAD_TOKEN)
        if record.expired:
            raise AuthenticationError(401, common.MSG_EXPIRED_TOKEN)
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
        request.user = record.user
        request.api_token = record
        return record.user


class SessionAuth(NinjaSessionAuth):
    """The browser's session; CSRF is checked on POST/PATCH/PUT/DELETE.

    Anonymous callers get a 401 (not a CSRF 403), so clients learn to log in."""

    def _get_key(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, common.MSG_CSRF)
        return request.COOKIES.get(self.param_name)


class Renderer(JSONRenderer):
    """JSON with Vietnamese letters as they are (UTF-8), not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


def docs_access(view):
    """The schema and the Swagger page: public only when DANVAN_API_DOCS_PUBLIC is set;
    otherwise a signed-in session or a valid bearer token. The page sends people to
    the login form; the schema answers a 401 like the rest of the API."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if settings.DANVAN_API_DOCS_PUBLIC or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        try:
            if TokenAuth()(request) is not None:
                return view(request, *args, **kwargs)
        except AuthenticationError:
            pass
        if request.path.rstrip("/").endswith("/docs"):
            return redirect_to_login(request.get_full_path())
        body = {"detail": common.MSG_UNAUTHENTICATED, "field": None, "code": "unauthenticated"}
        response = JsonResponse(body, status=401, json_dumps_params={"ensure_ascii": False})
        response["WWW-Authenticate"] = 'Bearer realm="danvan"'
        return response

    return guarded


api = NinjaAPI(
    title="danvan API",
    version="1",
    description=(
        "API của hệ thống danvan: đơn vị, cán bộ, người dùng, nhật ký thay đổi, văn bản, "
        "kế hoạch, báo cáo, thi đua – khen thưởng.\n\n"
        "Xác thực bằng phiên đăng nhập (kèm mã CSRF cho các thao tác ghi) hoặc bằng mã "
        "truy cập: `Authorization: Bearer dv_…` (cấp bằng lệnh `danvan token issue`)."
    ),
    urls_namespace="api",
    openapi_url="/schema",
    docs_url="/docs",
    docs_decorator=docs_access,
    auth=[TokenAuth(), SessionAuth()],
    renderer=Renderer(),
)


# -- error answers -------------------------------------------------------------------


def _error(request, status: int, detail: str, **extra):
    body = {"detail": detail, "field": None, "code": None, **extra}
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return _error(request, 400, exc.message, field=exc.field, code=exc.code)


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    message = str(exc)
    if not message or message.isascii():
        message = common.MSG_NOT_FOUND  # Django's own messages are English
    return _error(request, 404, message, code="not_found")


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    message = str(exc) or common.MSG_FORBIDDEN
    return _error(request, 403, message, code="forbidden")


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc: AuthenticationError):
    message = exc.message if exc.message != "Unauthorized" else common.MSG_UNAUTHENTICATED
    response = _error(request, 401, message, code="unauthenticated")
    response["WWW-Authenticate"] = 'Bearer realm="danvan"'
    return response


# ninja's own messages, in Vietnamese.
HTTP_MESSAGES = {
    "Cannot parse request body": "Nội dung yêu cầu không phải JSON hợp lệ.",
    "Forbidden": common.MSG_FORBIDDEN,
    "Not Found": common.MSG_NOT_FOUND,
    "Too many requests.": "Quá nhiều yêu cầu. Vui lòng thử lại sau.",
}


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    message = HTTP_MESSAGES.get(exc.message, exc.message)
    code = {400: "bad_request", 403: "forbidden", 404: "not_found"}.get(exc.status_code)
    if exc.message == common.MSG_CSRF:
        code = "csrf"
    return _error(request, exc.status_code, message, code=code)


# pydantic error types → Vietnamese (placeholders filled from the error's ctx).
VALIDATION_MESSAGES = {
    "missing": "bắt buộc phải có",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "decimal_parsing": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD (ví dụ 2022-03-09)",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD (ví dụ 2022-03-09)",
    "date_from_datetime_inexact": "phải là ngày dạng YYYY-MM-DD (ví dụ 2022-03-09)",
    "date_type": "phải là ngày dạng YYYY-MM-DD (ví dụ 2022-03-09)",
    "datetime_parsing": "phải là thời điểm dạng ISO 8601 (ví dụ 2022-03-09T08:30:00+07:00)",
    "datetime_from_date_parsing": "phải là thời điểm dạng ISO 8601 (ví dụ 2022-03-09T08:30:00+07:00)",
    "datetime_type": "phải là thời điểm dạng ISO 8601 (ví dụ 2022-03-09T08:30:00+07:00)",
    "string_type": "phải là chuỗi ký tự",
    "string_too_short": "phải có ít nhất {min_length} ký tự",
    "string_too_long": "không được dài quá {max_length} ký tự",
    "greater_than": "phải lớn hơn {gt}",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than": "phải nhỏ hơn {lt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "literal_error": "phải là một trong các giá trị: {expected}",
    "enum": "phải là một trong các giá trị: {expected}",
    "extra_forbidden": "không được phép gửi",
    "json_invalid": "không phải JSON hợp lệ",
    "model_type": "phải là một đối tượng JSON",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
    "list_type": "phải là một danh sách",
    "too_short": "phải có ít nhất {min_length} phần tử",
    "too_long": "không được có quá {max_length} phần tử",
}

LOCATIONS = {"body": "nội dung", "query": "tham số truy vấn", "path": "đường dẫn"}


def _field_of(loc: Sequence[Any]) -> tuple[str, str]:
    """('body', 'payload', 'parts', 0, 'name') → ('body', 'parts.0.name')."""
    parts = list(loc)
    where = str(parts.pop(0)) if parts else "body"
    if where == "body" and len(parts) > 1:
        parts.pop(0)  # the handler's parameter name, not a field of the request
    return where, ".".join(str(p) for p in parts) or where


def _message_of(error: dict) -> str:
    template = VALIDATION_MESSAGES.get(error.get("type", ""))
    if template is None:
        return "không hợp lệ"
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return template.split(":")[0]


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = []
    for error in exc.errors:
        where, field = _field_of(error.get("loc") or ())
        errors.append({"field": field, "location": where, "message": _message_of(error)})
    if errors:
        first = errors[0]
        detail = f"Dữ liệu không hợp lệ: trường “{first['field']}” {first['message']}"
        if len(errors) > 1:
            detail += f" (và {len(errors) - 1} lỗi khác, xem errors)"
        detail += "."
        field = first["field"]
    else:
        detail, field = "Dữ liệu gửi lên không hợp lệ.", ""
    return _error(request, 422, detail, field=field, code="validation", errors=errors)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def number_out_of_range(request, exc: Exception):
    """An id or number past what the database stores (SQLite raises OverflowError,
    PostgreSQL a DataError): the request is wrong, not the server."""
    return _error(request, 400, common.MSG_NUMBER_TOO_LARGE, code="bad_request")


@api.exception_handler(Exception)
def server_error(request, exc: Exception):
    """A bug: log it, tell Django (test clients re-raise it), answer JSON, not a page."""
    logger.error("API error at %s", request.path, exc_info=sys.exc_info())
    got_request_exception.send(sender=None, request=request)
    return _error(request, 500, common.MSG_SERVER_ERROR, code="server_error")


# -- routers of the apps ------------------------------------------------------------


def _register() -> None:
    for app in APPS:
        module = app_module(app, "api")
        if module is None:
            continue
        routers = getattr(module, "ROUTERS", None)
        if routers is None:
            routers = [(getattr(module, "PREFIX", app), module.router)]
        for prefix, router in routers:
            api.add_router(f"/{prefix}", router)


_register()
