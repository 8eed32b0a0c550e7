"""Django settings, read from environment variables with safe defaults.

Every variable is listed in .env.example. Nothing here is needed by danvan.core.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DATA_DIR = Path(env_str("DANVAN_DATA_DIR", str(PROJECT_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or ""
if not SECRET_KEY:
    # A per-installation key kept beside the data, so sessions survive restarts
    # without shipping a known key. Deployments set SECRET_KEY explicitly.
    _key_file = DATA_DIR / "secret_key"
    if not _key_file.exists():
        import secrets

        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "danvan.audit",
    "danvan.orgunits",
    "danvan.accounts",
    "django_tasks",
    "django_tasks_db",
    "danvan.jobs",
    "danvan.documents",
    "danvan.planning",
    "danvan.reporting",
    "danvan.emulation",
    "danvan.drafting",
    "danvan.citizens",
    "danvan.web",
    # After danvan.web, whose templates override some of Django's form widgets
    # (an empty choice reads "— Chọn —", not "---------").
    "django.forms",
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "danvan.web.upload_limit.UploadLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "danvan.web.middleware.NfcInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "danvan.accounts.middleware.CurrentUnitMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.web.context.shell",
            ],
            "builtins": ["danvan.web.templatetags.vn"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'danvan.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)

# django-axes: lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "danvan.accounts.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [
    ("vendor/htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
]
# axe-core (the accessibility checker of the browser tests), served like htmx so
# a test injects it as a same-origin script, which a strict CSP allows.
_axe = PROJECT_DIR / "node_modules" / "axe-core"
if _axe.is_dir():
    STATICFILES_DIRS.append(("vendor/axe-core", _axe))
# plotly.min.js ships inside the plotly PyPI package: served locally, never from a CDN.
_plotly_spec = importlib.util.find_spec("plotly")
if _plotly_spec is not None and _plotly_spec.submodule_search_locations:
    STATICFILES_DIRS.append(
        ("vendor/plotly", Path(_plotly_spec.submodule_search_locations[0]) / "package_data")
    )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("DANVAN_MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# REST API lists: one envelope {count, limit, offset, items} (danvan.api_common).
NINJA_PAGINATION_CLASS = "danvan.api_common.Pagination"
MEDIA_ROOT = DATA_DIR / "files"

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.locmem.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "danvan@localhost")

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): everything from this site only; no inline
# scripts, styles or handlers anywhere (templates load static files; plotly.js is
# served locally). tests/web/test_security_headers.py and the browser tests check it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # plotly.min.js (plotly 7.1.0, pinned) creates two <style> elements: an empty one it
        # then fills through the CSSOM (not subject to CSP), and maplibre's stylesheet.
        # Exactly those two contents are allowed by hash; a plotly upgrade that changes
        # them shows up in tests/browser/test_csp.py.
        "style-src": [
            "'self'",
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
            "'sha256-ji27qzEtxXZW+7dun6UwjHXJ18e6WAin1VvNtkzIE/o='",
        ],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if env_bool("DANVAN_HTTPS", False):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background jobs: django-tasks with its database backend; `danvan worker` runs them.
# DANVAN_JOBS_BACKEND=immediate runs each job inside the request or command that starts
# it (the test suite does this; no worker needed).
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "immediate": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    },
}
DANVAN_JOBS_BACKEND = env_str("DANVAN_JOBS_BACKEND", "default")
# A running job's lease: renewed every third of it; a job whose worker stopped
# renewing is taken over by another worker after this many seconds.
DANVAN_JOB_LEASE_S = env_int("DANVAN_JOB_LEASE_S", 60)
# Retry of transient failures: base, 4×base, 16×base seconds.
DANVAN_JOB_BACKOFF_S = env_int("DANVAN_JOB_BACKOFF_S", 10)
# Excel exports with more rows than this are made by a job (progress bar, file linked).
DANVAN_EXPORT_INLINE_ROWS = env_int("DANVAN_EXPORT_INLINE_ROWS", 300)

# Limits for ingestion (bad-input protection), read by the documents app and
# passed to the core as a frozen config.
DANVAN_MAX_UPLOAD_MB = env_int("DANVAN_MAX_UPLOAD_MB", 100)
DANVAN_MAX_UNZIPPED_MB = env_int("DANVAN_MAX_UNZIPPED_MB", 200)
# A whole request (all files of one upload): refused before it is received.
DANVAN_MAX_REQUEST_MB = env_int("DANVAN_MAX_REQUEST_MB", 2 * DANVAN_MAX_UPLOAD_MB)
DANVAN_EXTRACT_TIMEOUT_S = env_int("DANVAN_EXTRACT_TIMEOUT_S", 120)
# scanned pages read by OCR per file (the first ones and the last one); 0: all
DANVAN_OCR_MAX_PAGES = env_int("DANVAN_OCR_MAX_PAGES", 60)
# A scan with more pages to OCR than this is recognised in parts of this many pages by
# child jobs (several workers share it), pages kept in MEDIA_ROOT/ocr-cache; 0: never split
DANVAN_OCR_SPLIT_PAGES = env_int("DANVAN_OCR_SPLIT_PAGES", 20)
# A job's page progress is written to the database at most this often (seconds)
DANVAN_PROGRESS_EVERY_S = 1.0
DANVAN_SOFFICE = env_str("DANVAN_SOFFICE", "soffice")
DANVAN_TESSERACT = env_str("DANVAN_TESSERACT", "tesseract")
DANVAN_RULES_DISABLED = env_list("DANVAN_RULES_DISABLED", "")
# Rules the legal notes mark UNCONFIRMED are enforced only when switched on.
DANVAN_RULES_UNCONFIRMED = env_bool("DANVAN_RULES_UNCONFIRMED", False)
# The API's OpenAPI schema and Swagger page: for signed-in callers only unless opened.
DANVAN_API_DOCS_PUBLIC = env_bool("DANVAN_API_DOCS_PUBLIC", False)
# Days an API token stays valid after it is issued.
DANVAN_TOKEN_DAYS = max(1, env_int("DANVAN_TOKEN_DAYS", 90))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}, "axes": {"level": "WARNING"}},
}
