"""The health endpoint, in process (the two-instance test calls it over the network too)."""

import pytest

HEALTHY = {"status": "ok", "database": "ok", "cache": "ok"}


def test_health_is_ok_without_login_and_says_nothing_else(client, db, partner):
    response = client.get("/sante/")

    assert response.status_code == 200
    assert response.json() == HEALTHY
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_answers_over_plain_http_when_https_is_required(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/sante/").status_code == 200
    assert client.get("/").status_code == 301


def test_health_answers_503_when_the_cache_is_unreachable(client, db, settings):
    # A Redis on a port where nothing listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }

    response = client.get("/sante/")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def test_health_answers_503_when_the_database_is_unreachable(client, settings):
    # No `db` fixture: pytest-django refuses every query, as a database that is down would.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    response = client.get("/sante/")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}


@pytest.mark.django_db
def test_health_refuses_to_change_anything(client):
    assert client.post("/sante/").status_code == 405
