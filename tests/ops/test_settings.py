"""What the scale-out variables change, read in a fresh interpreter with that environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
READ = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
from django.core.cache import caches
cache, default_storage = caches["default"], storages["default"]
print(json.dumps({
    "cache": type(cache).__name__,
    "session_engine": settings.SESSION_ENGINE,
    "storage": type(default_storage).__name__,
    "bucket": getattr(default_storage, "bucket_name", None),
    "endpoint": getattr(default_storage, "endpoint_url", None),
    "acl": getattr(default_storage, "default_acl", None),
    "proxy_ssl_header": getattr(settings, "SECURE_PROXY_SSL_HEADER", None),
    "allauth_proxies": getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0),
}))
"""
VARIABLES = ("REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "TRUSTED_PROXY_COUNT")


def settings_with(**env):
    environment = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    environment.update(env, DJANGO_SETTINGS_MODULE="dsi_portal.settings", DEBUG="true")
    result = subprocess.run(
        [sys.executable, "-c", READ], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_the_variables_the_database_and_the_disk_are_used():
    read = settings_with()

    assert read["cache"] == "DatabaseCache"
    assert read["session_engine"] == "django.contrib.sessions.backends.db"
    assert read["storage"] == "FileSystemStorage"
    assert read["proxy_ssl_header"] is None
    assert read["allauth_proxies"] == 0


def test_redis_url_moves_the_cache_and_sessions_to_redis():
    read = settings_with(REDIS_URL="redis://127.0.0.1:6379/0")

    assert read["cache"] == "RedisCache"
    assert read["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_a_bucket_moves_uploads_to_private_object_storage():
    read = settings_with(
        AWS_STORAGE_BUCKET_NAME="dsi-portail", AWS_S3_ENDPOINT_URL="https://s3.example.net"
    )

    assert read["storage"] == "S3Storage"
    assert read["bucket"] == "dsi-portail"
    assert read["endpoint"] == "https://s3.example.net"
    assert read["acl"] == "private"


def test_a_trusted_proxy_is_believed_about_https_and_the_visitors_address():
    read = settings_with(TRUSTED_PROXY_COUNT="1")

    assert read["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert read["allauth_proxies"] == 1
