"""Login, unit switching, passwords. Thin: parse, call a service, render."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from danvan.core.errors import DomainError

from . import tokens
from .access import user_units
from .middleware import SESSION_KEY
from .routes import pages


class VietnameseAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }


class LoginView(auth_views.LoginView):
    form_class = VietnameseAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Only a browser that still carries a session cookie the server no
        # longer accepts had a session that expired; a first visit has none.
        ctx["session_expired"] = (
            "next" in self.request.GET
            and not self.request.user.is_authenticated
            and settings.SESSION_COOKIE_NAME in self.request.COOKIES
        )
        return ctx


def lockout(request, credentials=None, *args, **kwargs):
    """django-axes calls this when too many logins failed."""
    response = render(
        request,
        "registration/locked.html",
        {"minutes": _cooloff_minutes()},
        status=429,
    )
    return response


def _cooloff_minutes() -> int:
    return int(round(float(settings.AXES_COOLOFF_TIME) * 60))


@pages.route("don-vi-lam-viec/")
@login_required
@require_POST
def switch_unit(request):
    wanted = request.POST.get("unit")
    for unit in user_units(request.user):
        if str(unit.pk) == wanted:
            request.session[SESSION_KEY] = unit.pk
            messages.success(request, f"Đang làm việc với đơn vị: {unit.name}.")
            break
    else:
        messages.error(request, "Bạn không có vai trò ở đơn vị đã chọn.")
    return HttpResponseRedirect(_same_site_path(request, request.META.get("HTTP_REFERER", "")))


def _same_site_path(request, target: str) -> str:
    """``target`` as a path on this site, or the home page: an absolute URL to this
    host keeps only its path; anything else (another host, ``//host``, ``/\\host``,
    a scheme) is refused."""
    home = reverse("home")
    if not target:
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return home
        target = urlunsplit(("", "", parts.path, parts.query, ""))
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return home
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return home
    return target


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response


pages.add("doi-mat-khau/", PasswordChangeView.as_view(), "password_change")


@pages.route("ma-truy-cap/")
@login_required
def api_tokens(request):
    """“Mã truy cập API”: the signed-in user's own tokens (issued, expiring, last used);
    issue one (shown once) or revoke one. Only a browser session reaches this page."""
    user = request.user
    raw = None
    error = ""
    if request.method == "POST":
        if "revoke" in request.POST:
            token = tokens.tokens_of(user).filter(pk=_int(request.POST.get("revoke"))).first()
            if token is None:
                messages.error(request, "Không tìm thấy mã truy cập cần thu hồi.")
            else:
                tokens.revoke_token(user, token)
                messages.success(request, f"Đã thu hồi mã “{token.name}”.")
            return HttpResponseRedirect(reverse("accounts:api_tokens"))
        try:
            _token, raw = tokens.issue_token(user, user, request.POST.get("name", ""))
        except DomainError as exc:
            error = exc.message
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "tokens": list(tokens.tokens_of(user)),
            "raw": raw,
            "error": error,
            "days": settings.DANVAN_TOKEN_DAYS,
        },
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
