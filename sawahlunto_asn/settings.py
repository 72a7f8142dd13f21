"""Settings for Sawahlunto ASN: one module, every value from the environment."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (made by `make` from .env.example) is read when present; real
# environment variables always win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "sawahlunto_asn.accounts",
    "pghistory.admin",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "pgtrigger",
    "pghistory",
    "positions",
    "competency",
    "performance",
    "community",
    "sawahlunto_asn.reform",
    "sawahlunto_asn.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    # Axes must come last so that it sees the outcome of the login view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sawahlunto_asn.urls"
WSGI_APPLICATION = "sawahlunto_asn.wsgi.application"

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
                "csp.context_processors.nonce",
                "sawahlunto_asn.navigation.menu",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres:///sawahlunto_asn"),
}
# Opening a connection costs ~11 ms here against ~0.1 ms for a query, so
# connections are kept between requests and checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Server-side cursors (DECLARE ... WITH HOLD) cost three round trips for the small
# reference lists that forms iterate, and they do not survive PgBouncer's
# transaction pooling, the usual next step past one database connection per worker.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

# Sessions live in PostgreSQL so that any app server can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia"))]
TIME_ZONE = env("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Bootstrap and its icons come from the npm packages pinned in package-lock.json.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="BKPSDM Kota Sawahlunto <noreply@localhost>"
)

# HTTPS=on when the site sits behind a TLS-terminating proxy.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "sawahlunto_asn.views.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Brute-force protection: failures are counted in PostgreSQL (shared by every
# app server) per username and address, so one office NAT is not locked out
# by a single person mistyping.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0) or None
AXES_VERBOSE = False

FILTERS_EMPTY_CHOICE_LABEL = _("Semua")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

PGHISTORY_ADMIN_ORDERING = "-pgh_created_at"
# Attach who/where only to requests that write. pghistory's default includes GET,
# which prefixes every read query with two set_config() calls.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Rotation window in years (PP 11/2017 Pasal 190(3)); regulations change, so settings.
ROTATION_MIN_YEARS = env.int("ROTATION_MIN_YEARS", default=2)
ROTATION_MAX_YEARS = env.int("ROTATION_MAX_YEARS", default=5)
# Whether a BKN technical approval (pertek) must be recorded before the SK.
ROTATION_REQUIRE_PERTEK = env.bool("ROTATION_REQUIRE_PERTEK", default=False)
# A JPT may not be replaced within this many years of inauguration (domain.md 4.2).
ROTATION_JPT_PROTECTED_YEARS = env.int("ROTATION_JPT_PROTECTED_YEARS", default=2)
# Warn when a moved employee retires within this many years of the effective date.
ROTATION_RETIREMENT_WARNING_YEARS = env.int(
    "ROTATION_RETIREMENT_WARNING_YEARS", default=1
)
# Suggested SK number; {seq} is the running number, {year} the decree's year.
ROTATION_DECREE_NUMBER_PATTERN = env(
    "ROTATION_DECREE_NUMBER_PATTERN", default="800.1.3.3/{seq}/BKPSDM-SWL/{year}"
)

# Appraisal (PermenPANRB 6/2022). The distribution each organisation rating imposes
# on its employees' predikat, as JSON {rating: [{"predikat": [...], "min"|"max": %,
# "required": bool}]}; empty means domain.md 5.4's pattern (performance.rules).
PERFORMANCE_DISTRIBUTION_PATTERNS = env.json(
    "PERFORMANCE_DISTRIBUTION_PATTERNS", default={}
)
# A unit head's work-results rating from the unit's organisation rating, as JSON
# {org_rating: rating}; empty means performance.rules.DEFAULT_UNIT_HEAD_RATINGS.
PERFORMANCE_UNIT_HEAD_RATINGS = env.json("PERFORMANCE_UNIT_HEAD_RATINGS", default={})
# Potential from a 0-100 score: medium from, high from (assessment JPM %).
PERFORMANCE_POTENTIAL_THRESHOLDS = (
    env.int("PERFORMANCE_POTENTIAL_MEDIUM_FROM", default=68),
    env.int("PERFORMANCE_POTENTIAL_HIGH_FROM", default=80),
)

# Sections other apps add to an employee's profile: callables (request, employee)
# returning HTML, so that positions does not import the apps that extend it.
PROFILE_SECTIONS = ["competency.profile.employee_section"]
# What a proposed move would leave the employee short of in the target position:
# a callable taking [(employee_id, position_id)] and returning, per pair, objects
# with name, required, assessed, unassessed and below_standard. Empty: not shown.
ROTATION_GAP_PROVIDER = "competency.gaps.gaps_for_moves"
# Each employee's 9-box talent placement for the rotation pages: a callable taking
# employee ids and returning {employee_id: box 1-9}. Empty: not shown.
ROTATION_TALENT_PROVIDER = "performance.rotation.boxes_for"
# A unit's public-service figures beside its organisation rating (issue 7 item 7):
# a callable taking an OrgUnit and returning an object with `unit`, `latest`
# (period, result) and `feedback` (UnitFeedbackStats), or None. Empty: not shown.
PERFORMANCE_PUBLIC_INPUT_PROVIDER = "community.services.survey.public_input_for"

# Competency development (domain.md 6.2). Every ASN has the right to at least this
# many JP (45 minutes each) of development a year (PP 11/2017).
COMPETENCY_JP_YEARLY_MINIMUM = env.int("COMPETENCY_JP_YEARLY_MINIMUM", default=20)
# Most JP a year that one non-klasikal kind may count for; a kind
# left out is not capped (env: KIND=JP;KIND=JP). Instansi policy, not a national
# rule, hence a setting.
COMPETENCY_JP_CAPS = env.dict(
    "COMPETENCY_JP_CAPS",
    cast={"value": int},
    default={
        "COACHING": 2,
        "MENTORING": 2,
        "E_LEARNING": 3,
        "PATOK_BANDING": 10,
        "DETASERING": 20,
        "MAGANG": 20,
    },
)
# Agencies file some kinds differently (sosialisasi as non-klasikal, say); env:
# KIND=KLASIKAL;KIND=NON_KLASIKAL. Unlisted kinds keep domain.md's category.
COMPETENCY_KIND_CATEGORIES = env.dict(
    "COMPETENCY_KIND_CATEGORIES", cast={"value": str}, default={}
)

# Appraisal evidence and objections (performance.evidence, performance.services).
# Uploaded evidence lives outside MEDIA_ROOT and the web root; it is served only
# through the SKP's visibility check.
PERFORMANCE_EVIDENCE_ROOT = env.path(
    "PERFORMANCE_EVIDENCE_ROOT", default=BASE_DIR / "private" / "evidence"
)
PERFORMANCE_EVIDENCE_MAX_BYTES = env.int(
    "PERFORMANCE_EVIDENCE_MAX_BYTES", default=5 * 1024 * 1024
)
# Keberatan within this many days of receiving the result (PP 30/2019 Pasal 59).
PERFORMANCE_OBJECTION_DAYS = env.int("PERFORMANCE_OBJECTION_DAYS", default=14)

# --- community: accounts ---
# Rate limits per account and per client address: action -> (most attempts, within
# seconds). Env: COMMUNITY_RATE_LIMITS="signup=5/3600,post=20/600" (listed actions
# replace the default of that action only).
COMMUNITY_RATE_LIMITS = {
    action: tuple(int(part) for part in spec.split("/", 1))
    for action, spec in {
        "signup": "5/3600",
        "feedback": "10/3600",
        "post": "20/600",
        "report": "30/3600",
        # Resending the sign-up confirmation email.
        "confirmation": "5/3600",
        # Looking up a tracking code without logging in: no guessing codes.
        "track": "30/600",
        **env.dict("COMMUNITY_RATE_LIMITS", default={}),
    }.items()
}
# How long the link in the sign-up confirmation email stays valid.
COMMUNITY_EMAIL_CONFIRMATION_HOURS = env.int(
    "COMMUNITY_EMAIL_CONFIRMATION_HOURS", default=48
)
# Each area's personal data of one account: dotted paths to personal_data(user)
# returning a dict or list (the "download my data" file), and to
# erase_personal_data(user) called when a citizen deletes his account.
COMMUNITY_PERSONAL_DATA_EXPORTERS = [
    "community.services.feedback.personal_data",
    "community.services.forum.personal_data",
    "community.services.survey.personal_data",
    "community.services.meetings.personal_data",
]
COMMUNITY_PERSONAL_DATA_ERASERS = [
    "community.services.feedback.erase_personal_data",
    "community.services.forum.erase_personal_data",
    "community.services.survey.erase_personal_data",
    "community.services.meetings.erase_personal_data",
]
# --- end community: accounts ---

# --- community: survey ---
# The SKM questionnaire's nine elements in display order (community.ikm.ELEMENTS
# codes). domain.md 8.1: the order of items 8 and 9 is unverified, some agencies
# swap them; the IKM does not depend on the order.
COMMUNITY_SKM_ELEMENTS = env.list(
    "COMMUNITY_SKM_ELEMENTS",
    default=[
        "requirements",
        "procedure",
        "time",
        "cost",
        "product",
        "competence",
        "behaviour",
        "complaints",
        "facilities",
    ],
)
# A unit's IKM is published only once this many citizens answered in the period.
# The regulation sizes samples with a Krejcie-Morgan table (unverified numbers);
# this is the city's floor for publishing, not a sample size.
COMMUNITY_SKM_MIN_RESPONDENTS = env.int("COMMUNITY_SKM_MIN_RESPONDENTS", default=10)
# Which org units serve the public and so appear on the public pages and in the
# survey (OrgUnit.kind values; env: comma separated).
COMMUNITY_SERVICE_UNIT_KINDS = env.list(
    "COMMUNITY_SERVICE_UNIT_KINDS",
    default=[
        "SETDA",
        "SETWAN",
        "INSPEKTORAT",
        "DINAS",
        "BADAN",
        "KECAMATAN",
        "KELURAHAN",
        "UPT",
    ],
)
# Answering the SKM questionnaire counts against its own allowance (see the
# accounts block for the format); env COMMUNITY_RATE_LIMITS=survey=N/seconds wins.
COMMUNITY_RATE_LIMITS.setdefault("survey", (10, 3600))
# --- end community: survey ---

# --- community: feedback ---
# Deadlines in working days (weekends and community.Holiday rows excluded), after
# SP4N-LAPOR! (domain.md 8.2): the first response (verification) within 3 days;
# the answer per category from verification; a complaint a moderator marks as
# needing a field check gets the longer deadline. Env: CATEGORY=days;...
COMMUNITY_FEEDBACK_RESPONSE_DAYS = env.int(
    "COMMUNITY_FEEDBACK_RESPONSE_DAYS", default=3
)
COMMUNITY_FEEDBACK_ANSWER_DAYS = {
    "INFORMASI": 5,
    "PENGADUAN": 5,
    "SARAN": 14,
    "APRESIASI": 14,
    **env.dict("COMMUNITY_FEEDBACK_ANSWER_DAYS", cast={"value": int}, default={}),
}
COMMUNITY_FEEDBACK_FIELD_CHECK_DAYS = env.int(
    "COMMUNITY_FEEDBACK_FIELD_CHECK_DAYS", default=60
)
# A citizen may reopen an answered feedback once, within this many calendar days.
COMMUNITY_FEEDBACK_REOPEN_DAYS = env.int("COMMUNITY_FEEDBACK_REOPEN_DAYS", default=30)
# Photos: JPEG or PNG, checked by content, re-encoded without metadata, kept
# outside MEDIA_ROOT and the web root, served through the feedback's visibility.
COMMUNITY_FEEDBACK_PHOTO_ROOT = env.path(
    "COMMUNITY_FEEDBACK_PHOTO_ROOT", default=BASE_DIR / "private" / "feedback"
)
COMMUNITY_FEEDBACK_PHOTO_MAX_BYTES = env.int(
    "COMMUNITY_FEEDBACK_PHOTO_MAX_BYTES", default=5 * 1024 * 1024
)
# Larger pictures are scaled down to this many pixels on the longest side.
COMMUNITY_FEEDBACK_PHOTO_MAX_SIDE = env.int(
    "COMMUNITY_FEEDBACK_PHOTO_MAX_SIDE", default=2560
)
# --- end community: feedback ---

# --- community: forum ---
# A citizen may edit his own post for this many minutes after sending it.
COMMUNITY_FORUM_EDIT_MINUTES = env.int("COMMUNITY_FORUM_EDIT_MINUTES", default=30)
# Reports from this many different accounts hide a post pending review.
COMMUNITY_REPORT_HIDE_THRESHOLD = env.int("COMMUNITY_REPORT_HIDE_THRESHOLD", default=3)
# PostgreSQL text-search configuration of the forum search; the system check
# community.W301 warns when the server lacks it (then set "simple" and run
# `manage.py shell -c "from community.services.forum import rebuild_search_index;
# rebuild_search_index()"`).
COMMUNITY_SEARCH_CONFIG = env.str("COMMUNITY_SEARCH_CONFIG", default="indonesian")
# Search ranks only the newest this-many matches, so a common word stays fast.
COMMUNITY_SEARCH_MAX_RESULTS = env.int("COMMUNITY_SEARCH_MAX_RESULTS", default=1000)
# --- end community: forum ---

# --- issue 8: notifications ---
# Each kind's choice for a user who has not chosen (sawahlunto_asn.notifications
# Kind values): in-app and by email.
NOTIFICATION_DEFAULTS = {
    "BATCH_DECISION": {"in_app": True, "email": True},
    "SKP_AGREEMENT": {"in_app": True, "email": True},
    "FEEDBACK_OVERDUE": {"in_app": True, "email": True},
    "OBJECTION": {"in_app": True, "email": True},
    "TRAINING_NOMINATION": {"in_app": True, "email": True},
    "FEEDBACK_RESPONSE": {"in_app": True, "email": True},
}
# The site's address, for the links in notification emails.
NOTIFICATION_SITE_URL = env("NOTIFICATION_SITE_URL", default="http://localhost:8000")
TEMPLATES[0]["OPTIONS"]["context_processors"].append(
    "sawahlunto_asn.notifications.context.unread"
)
# --- end issue 8: notifications ---

# --- issue 8: reform ---
# The transparency page and the open data hide any group of fewer people than
# this (a unit, a cell of a distribution, the base of a share).
REFORM_MIN_GROUP = env.int("REFORM_MIN_GROUP", default=5)
# How many years (newest first) the dashboard's trend table covers.
REFORM_TREND_YEARS = env.int("REFORM_TREND_YEARS", default=5)
# The licence line of the open data (CSV comment and JSON metadata).
REFORM_OPEN_DATA_LICENSE = env.str(
    "REFORM_OPEN_DATA_LICENSE",
    default="Lisensi: CC BY 4.0, Pemerintah Kota Sawahlunto",
)
# An annual evaluation rated no later than this many days after its period's
# end counts as "completed on time" on the reform dashboard. No regulation in
# domain.md sets the day; the office's own deadline (end of January) is the
# default.
REFORM_APPRAISAL_DUE_DAYS = env.int("REFORM_APPRAISAL_DUE_DAYS", default=31)
# The reform pages keep their rendered figures in the cache until a refresh
# (the key changes then); this bounds how long an unused entry stays.
REFORM_PAGE_CACHE_SECONDS = env.int("REFORM_PAGE_CACHE_SECONDS", default=86400)
# --- end issue 8: reform ---
