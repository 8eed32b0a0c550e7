"""Refuse an upload that is too large before Django receives it.

DANVAN_MAX_REQUEST_MB bounds a whole request. A request that announces a larger
Content-Length is answered at once (413, a Vietnamese page, or JSON for the API)
without reading its body: the first middleware, before sessions or CSRF touch
request.POST. Under WSGI (gunicorn, runserver) Django never reads past the
announced Content-Length, and a body without one is not parsed at all, so the
announced length is the whole story; the per-file limits (DANVAN_MAX_UPLOAD_MB,
the 5 MB templates, the 10 MB workbooks) are still checked by each form.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MB = 1024 * 1024


def limit_bytes() -> int:
    return int(settings.DANVAN_MAX_REQUEST_MB) * MB


def message() -> str:
    return (
        f"Dữ liệu gửi lên quá lớn: tối đa {settings.DANVAN_MAX_REQUEST_MB} MB cho một lần gửi "
        f"(mỗi văn bản tối đa {settings.DANVAN_MAX_UPLOAD_MB} MB). Hãy gửi ít tệp hơn mỗi lần, "
        "hoặc nhờ quản trị nạp bằng lệnh danvan import."
    )


def too_large_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = {"detail": message(), "field": None, "code": "too_large"}
        return JsonResponse(body, status=413, json_dumps_params={"ensure_ascii": False})
    return render(request, "413.html", {"message": message()}, status=413)


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            announced = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            announced = 0
        if announced > limit_bytes():
            return too_large_response(request)
        return self.get_response(request)
