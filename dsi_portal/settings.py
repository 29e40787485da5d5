"""
Settings of the partner portal (dsi_portal).

One file, driven by environment variables, with safe development defaults.
A malformed value stops the start-up with a message that names the variable.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from infrastructure.addresses import name_and_address

BASE_DIR = Path(__file__).resolve().parent.parent

# A development checkout keeps its settings in a git-ignored `.env` that `make run` writes
# (DEBUG=true and a generated key), so that `python manage.py …` works bare. The environment
# wins over the file; production sets its variables and has no such file.
load_dotenv(os.environ.get("DSI_ENV_FILE", BASE_DIR / ".env"), override=False)

DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"


def env_bool(name, default):
    """Read a yes/no variable; refuse anything that is not clearly one or the other."""
    value = os.environ.get(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name, str(default)).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked: a deployment that forgets the variable must not show stack traces.
# `make run` and `make test` turn it on for development.
DEBUG = env_bool("DEBUG", "false")

SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off; "
        "the development key is public."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, whose forms it extends with the English fields of the content.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "infrastructure.apps.InfrastructureConfig",
    "accounts",
    "governance",
    "chantiers",
    "meetings",
    "elections",
    "backups",
    "privacy",
    "portal",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.FrenchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL character in a parameter or a form is bad input (400), never a server error.
    "infrastructure.bad_input.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A change the database refused is said in the constraint's words, not as a server error.
    "infrastructure.constraints.IntegrityErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "dsi_portal.urls"
WSGI_APPLICATION = "dsi_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "governance.context_processors.alliance",
            ],
        },
    },
]

# With no DATABASE_URL the portal runs on an SQLite file next to manage.py.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default behaves like a real database under concurrent requests: a
    # transaction takes the write lock when it begins (IMMEDIATE), so two requests never
    # deadlock upgrading a read to a write (« database is locked »); a writer waits up to 20 s
    # for the other's commit; WAL lets pages be read while someone writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The parameters travel apart from the SQL and psycopg prepares a statement run five times
    # on a connection: PostgreSQL then stops planning it again, which was most of the SQL time
    # of a page (the roles query: 0.6 ms of planning for 0.1 ms of execution). Behind
    # pgbouncer in transaction pooling mode, prepared statements need pgbouncer 1.21 or newer
    # with max_prepared_statements set; otherwise set DATABASE_SERVER_SIDE_BINDING=false.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = env_bool(
        "DATABASE_SERVER_SIDE_BINDING", "true"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.EmailLoginBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
# Password-reset and invitation links stay valid three days; the ADOC team can resend one.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Accounts: email login, invitation only (the adapter closes sign-up).
ACCOUNT_ADAPTER = "governance.adapter.PortalAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_PREVENT_ENUMERATION = True
# The subjects of allauth's emails begin with the alliance's short name (governance.adapter).
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, written out so that the policy is visible here.
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}

LANGUAGE_CODE = "fr-ca"
LANGUAGES = [("fr-ca", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content in both languages (django-modeltranslation, see governance/translation.py): the French
# value is required and is what a page shows in English when no English value was written.
# "fr-ca" is served by the `fr` columns (modeltranslation drops the region).
MODELTRANSLATION_LANGUAGES = ("fr", "en")
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
# Corrects Django's Québec French time formats (see dsi_portal/formats/fr_CA/formats.py).
FORMAT_MODULE_PATH = ["dsi_portal.formats"]
TIME_ZONE = "America/Montreal"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files: the local disk (MEDIA_ROOT, which every web and worker process must share), or
# an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set. The bucket stays private: files are
# handed out by the portal's views only, never by a public address.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty: Amazon S3 itself; e.g. https://s3.ca-central-1.example.net for another one.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read from the environment
            # by boto3 (or the machine's role), never written here.
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    # Hashed, compressed names served by whitenoise when DEBUG is off (collectstatic first).
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Espace partenaires <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The ORGANIZER of a meeting's invitations when no ADOC agent is responsible for it: an address
# that someone reads (calendar apps send replies there), "Name <address>".
MEETING_ORGANIZER = os.environ.get("MEETING_ORGANIZER", "Équipe ADOC <adoc@example.org>")
# The portal's address, for the links of emails sent outside a request (manage.py
# send_reminders): scheme and host, no trailing slash.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://localhost:8000").strip().rstrip("/")
if not PORTAL_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"PORTAL_URL must start with http:// or https://, not {PORTAL_URL!r}."
    )

# Where `manage.py backup` writes (make backup): outside the source tree, since a backup holds
# personal information (the systemd unit of deploy/ writes into /srv/dsi-backups).
BACKUP_DIR = os.environ.get("BACKUP_DIR", str(Path.home() / "dsi-portal-backups"))

# The person in charge of protecting personal information (Québec's Law 25), named on the
# privacy page: "Name or title <address>".
PRIVACY_OFFICER = os.environ.get(
    "PRIVACY_OFFICER", "Coordination de l’équipe ADOC <adoc@example.org>"
)
for _setting in ("PRIVACY_OFFICER", "MEETING_ORGANIZER"):
    try:  # checked at start-up: the privacy page and the invitations need a working address
        name_and_address(globals()[_setting])
    except ValueError:
        raise ImproperlyConfigured(
            f"{_setting} must read 'Name <address@example.org>', not {globals()[_setting]!r}."
        ) from None

# Shared by every process (allauth's login rate limits count here): Redis when REDIS_URL is set
# (e.g. redis://127.0.0.1:6379/0), the database otherwise, in a table created by `migrate`
# (accounts/migrations/0002_cache_table.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dsi",
        }
    }
    # Sessions are read from Redis and written through to the database: a restart of Redis, or
    # an eviction when it is full, logs nobody out, and no web process holds a session of its own.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "dsi_portal_cache",
        }
    }
# The pages a session has seen, until the portal's next change (dsi_portal/pagecache.py): only
# with Redis, shared by every process; PAGE_CACHE_SECONDS=0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 120)
if REDIS_URL and PAGE_CACHE_SECONDS > 0:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "dsi-pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
    }
else:
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# Emails are sent by a worker, not during the request: tasks wait in the database until
# `manage.py db_worker` runs them (`make run` starts one; deploy/ has its systemd unit).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# HTTPS in production; each can be turned off for a deployment behind a proxy that does it.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", str(not DEBUG))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", str(not DEBUG))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", str(SECURE_HSTS_SECONDS >= 31536000))
SESSION_COOKIE_HTTPONLY = True
# The browser sends the page address only to the portal itself, never to another site.
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy, in development too so that tests and the crawl see what production
# sees: the portal loads nothing but its own files, runs no inline script or style, and may not
# be framed. Bootstrap draws a few icons (select arrows, checks) as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Powerful browser features the portal never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# Load balancers call the health endpoint over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]

# Behind a reverse proxy (nginx, a load balancer): TRUSTED_PROXY_COUNT is the number of proxies
# under our control in front of the portal. They must set X-Forwarded-Proto (and overwrite any
# sent by the client) and append to X-Forwarded-For; the Host header is passed through as is, so
# USE_X_FORWARDED_HOST stays off.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # allauth's per-address login limits count the visitor's address, not the proxy's.
    ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
