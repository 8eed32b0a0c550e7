"""The REST API: /api/v1/, schema at /api/v1/schema, docs at /api/v1/docs.

Session (with CSRF) and bearer-token authentication; the same access helpers
as the pages. Each app contributes a Router from its own api.py.
"""

from __future__ import annotations

from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth

from danvan.accounts.models import ApiToken
from danvan.core.errors import DomainError


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        try:
            record = ApiToken.objects.select_related("user").get(digest=ApiToken.hash(token))
        except ApiToken.DoesNotExist:
            return None
        if not record.user.is_active:
            return None
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
        request.user = record.user
        return record.user


api = NinjaAPI(
    title="danvan API",
    version="1",
    description="API của hệ thống danvan: đơn vị, cán bộ, văn bản, kế hoạch, báo cáo, thi đua – khen thưởng.",
    urls_namespace="api",
    openapi_url="/schema",
    docs_url="/docs",
    auth=[SessionAuth(), TokenAuth()],
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(
        request, {"detail": exc.message, "field": exc.field, "code": exc.code}, status=400
    )


def _register() -> None:
    import importlib

    for app in ("orgunits", "accounts", "audit", "documents", "planning", "reporting", "emulation"):
        try:
            module = importlib.import_module(f"danvan.{app}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"danvan.{app}.api":
                raise
            continue
        api.add_router(f"/{getattr(module, 'PREFIX', app)}", module.router)


_register()
