"""Django settings for Cascade.

Configuration comes from the environment:

- ``DATABASE_URL``: a database URL (``postgres://user@host:5432/name``); default is a SQLite
  file under ``var/`` in WAL mode.
- ``CASCADE_SECRET_KEY``: required when ``CASCADE_DEBUG`` is off.
- ``CASCADE_DEBUG``: ``1`` for development (default ``1`` unless ``CASCADE_PRODUCTION`` is set).
- ``CASCADE_ALLOWED_HOSTS``: comma-separated host names.
- ``CASCADE_VAR_DIR``: where the SQLite file, uploads and backups live (default ``./var``).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("CASCADE_VAR_DIR", Path.cwd() / "var")).resolve()

PRODUCTION = os.environ.get("CASCADE_PRODUCTION", "") == "1"
DEBUG = os.environ.get("CASCADE_DEBUG", "0" if PRODUCTION else "1") == "1"
SECRET_KEY = os.environ.get("CASCADE_SECRET_KEY") or (
    "insecure-development-key-only-for-local-use" if not PRODUCTION else None
)
if not SECRET_KEY:
    raise RuntimeError("CASCADE_SECRET_KEY must be set in production.")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("CASCADE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

INSTALLED_APPS = [
    "cascade.core.apps.CascadeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "treebeard",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "cascade.access",
    "cascade.organization",
    "cascade.campaigns",
    "cascade.conferences",
    "cascade.reports",
    "cascade.intake",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cascade.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cascade.core.middleware.BusyDatabaseMiddleware",
    # Who made a change, for the model history of saves no explicit action covers.
    "cascade.access.history.CurrentRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cascade.urls"
WSGI_APPLICATION = "cascade.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=60)
        if config["ENGINE"] == "django.db.backends.postgresql":
            config.setdefault("TEST", {})["NAME"] = os.environ.get("CASCADE_TEST_DB_NAME", "test_cascade")
            # Reads are short and indexed. On large tables the planner's estimates pass the
            # thresholds of JIT compilation and parallel workers, which then cost ten times
            # the query itself (docs/benchmarks.md, 7 December night).
            config.setdefault("OPTIONS", {})["options"] = "-c jit=off -c max_parallel_workers_per_gather=0"
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "cascade.sqlite3",
        "OPTIONS": {
            # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
            # lock at BEGIN so two writers queue instead of failing mid-transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

AUTHENTICATION_BACKENDS = [
    # First: refuses any login while the username + address pair is locked out.
    "cascade.core.middleware.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

# Background work (imports) goes through Django's Tasks API: the database backend by default,
# run by ``cascade db_worker`` (``make run`` starts one beside the web server).
# Sites that outgrow one machine: ``CASCADE_TASK_BACKEND=django_tasks_rq.RQBackend`` with
# ``CASCADE_REDIS_URL``, and ``cascade rqworker default --job-class django_tasks_rq.backend.Job``
# on any machine (``cascade serve`` starts the right worker for the backend).
TASKS = {"default": {"BACKEND": os.environ.get("CASCADE_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}
RQ_QUEUES = {"default": {"URL": os.environ.get("CASCADE_REDIS_URL", "redis://127.0.0.1:6379/0")}}

# Progress of background work is kept in files under var/, where the web server and the worker
# both see it (a worker's transaction is not visible to the pages until it ends).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache",
    }
}

# Spreadsheet imports: the largest file, its largest expanded size and the most rows.
CASCADE_IMPORT_MAX_BYTES = int(os.environ.get("CASCADE_IMPORT_MAX_BYTES", 20 * 1024 * 1024))

# Units with at least this many descendants keep their subtree's figures by month and day as
# well; a period of a smaller subtree is summed from its units' own figures when read.
CASCADE_GRAINED_FROM = int(os.environ.get("CASCADE_GRAINED_FROM", 64))

# A briefing's Word file is made by the task worker when its subtree has more units than this.
CASCADE_BRIEFING_BACKGROUND_UNITS = int(os.environ.get("CASCADE_BRIEFING_BACKGROUND_UNITS", 5000))

# How long a check-in QR code works after the organiser's page made it, in seconds.
CASCADE_CHECK_IN_MAX_AGE = int(os.environ.get("CASCADE_CHECK_IN_MAX_AGE", 4 * 3600))

# Reminders (``cascade.reports.reminders``): a directive or rectification item due within
# CASCADE_REMINDER_DAYS days is "due soon"; one overdue by CASCADE_ESCALATE_AFTER_DAYS days
# is escalated to the unit above. Links in reminder emails start with CASCADE_SITE_URL.
CASCADE_REMINDER_DAYS = int(os.environ.get("CASCADE_REMINDER_DAYS", 3))
CASCADE_ESCALATE_AFTER_DAYS = int(os.environ.get("CASCADE_ESCALATE_AFTER_DAYS", 7))
CASCADE_SITE_URL = os.environ.get("CASCADE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Email (reminders): SMTP when CASCADE_EMAIL_HOST is set, else printed on the console of the
# process that sends it (the task worker).
EMAIL_HOST = os.environ.get("CASCADE_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("CASCADE_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("CASCADE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CASCADE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("CASCADE_EMAIL_TLS", "0") == "1"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("CASCADE_EMAIL_FROM", "cascade@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Sessions end when the browser closes, and after 8 hours without a request (every request
# pushes the expiry on).
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("CASCADE_SSL_REDIRECT", "1") == "1"
    # A load balancer probes these over plain HTTP from inside.
    SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# django-axes: 5 failed logins for one username from one address lock that pair out for
# 30 minutes (every further failure restarts the 30 minutes); a success clears the count.
AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cascade.core.middleware.lockout_response"

# ``CASCADE_LOG_FORMAT=json``: one JSON object per line (``cascade serve`` logs requests alike).
LOG_FORMAT = os.environ.get("CASCADE_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "cascade.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("CASCADE_LOG_LEVEL", "WARNING")},
}
