"""The page cache (dsi_portal/pagecache.py): a page comes back without its queries, and never
older than the last change nor to anyone else."""

import contextlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from infrastructure import pagecache
from privacy.models import AccessLog


@pytest.fixture(autouse=True)
def page_cache(settings):
    # In production this is Redis (REDIS_URL); one process here, so memory is as good.
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    yield
    with contextlib.suppress(Exception):  # the unreachable one of the last test
        pagecache.page_cache().clear()


def without_token(content):
    return pagecache.CSRF_INPUT.sub(rb"\g<1>\g<2>", content)


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_a_page_seen_again_comes_back_without_running_the_view(
    client, partner, territory, django_assert_max_num_queries
):
    client.force_login(partner)
    url = reverse("governance:body-detail", args=[territory["council"].slug])
    first = visit(client, url)
    assert pagecache.HIT_HEADER not in first
    # The session (in the database in the tests; in Redis in production), nothing else.
    with django_assert_max_num_queries(1):
        again = visit(client, url)
    assert again[pagecache.HIT_HEADER] == "hit"
    # The same page, but for the CSRF token, masked afresh for each response.
    assert without_token(again.content) == without_token(first.content)


def test_a_change_by_anyone_shows_at_once(
    client, partner, territory, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    url = reverse("governance:body-detail", args=[territory["council"].slug])
    visit(client, url)
    council = territory["council"]
    with django_capture_on_commit_callbacks(execute=True):
        council.name = "Comité stratégique renouvelé"
        council.save()
    response = visit(client, url)
    assert pagecache.HIT_HEADER not in response
    assert "Comité stratégique renouvelé" in response.content.decode()


def test_a_page_is_never_handed_to_another_session_or_user(client, partner, adoc, territory):
    url = reverse("governance:organigram")
    client.force_login(partner)
    visit(client, url)
    other = Client()
    other.force_login(adoc)
    assert pagecache.HIT_HEADER not in visit(other, url)
    # The same cookie once logged out is another visitor: not the partner's page.
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    # A page kept for one user is not handed to the same session key holding another user
    # (the entry names its user; here it names someone else than the ADOC agent's session).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagecache, "page_key", lambda request: "page:fixed")
        pagecache.page_cache().set(
            "page:fixed", {"user": "someone else", "content": b"x", "content_type": "text/html"}
        )
        assert pagecache.HIT_HEADER not in visit(other, url)


def test_the_language_and_the_query_string_are_pages_of_their_own(client, partner, territory):
    client.force_login(partner)
    url = reverse("governance:directory")
    visit(client, url)
    assert pagecache.HIT_HEADER not in visit(client, url + "?page=1")
    client.post(reverse("set_language"), {"language": "en", "next": url})
    response = visit(client, url)
    assert pagecache.HIT_HEADER not in response
    assert 'lang="en"' in response.content.decode()


def test_a_message_to_show_is_never_lost_to_a_kept_page(client, adoc, territory):
    client.force_login(adoc)
    chantier = territory["chantier"]
    visit(client, chantier.get_absolute_url())
    # A decision without a choice changes nothing (no new generation) and says why on the
    # chantier's page, which was just kept.
    url = reverse("chantiers:join-request-decide", args=[chantier.slug, 1])
    response = client.post(url, {}, follow=True)
    assert pagecache.HIT_HEADER not in response
    assert "Choisissez d&#x27;accepter ou refuser la demande." in response.content.decode()


def test_a_kept_page_carries_a_csrf_token_that_is_accepted(partner, territory, settings):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(partner)
    url = reverse("governance:organigram")
    visit(strict, url)
    # The browser lost its CSRF cookie (cleared, expired) but kept its session: the kept page
    # must carry a token for the new cookie, not the one it was made with.
    del strict.cookies[settings.CSRF_COOKIE_NAME]
    again = visit(strict, url)
    assert again[pagecache.HIT_HEADER] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', again.content.decode())
    assert token, "the layout's logout form carries a token"
    response = strict.post(reverse("account_logout"), {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302


def test_staff_seeing_contact_details_are_logged_every_time(client, adoc, territory):
    client.force_login(adoc)
    url = reverse("governance:organisation-detail", args=[territory["organisation"].slug])
    visit(client, url)
    second = visit(client, url)
    assert pagecache.HIT_HEADER not in second
    assert AccessLog.objects.filter(viewer=adoc).count() == 2


def test_without_redis_nothing_is_kept(client, partner, territory, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    client.force_login(partner)
    url = reverse("governance:organigram")
    visit(client, url)
    assert pagecache.HIT_HEADER not in visit(client, url)


def test_a_partner_seeing_what_people_chose_to_share_is_not_logged_and_is_kept(
    client, partner, territory
):
    client.force_login(partner)
    url = reverse("governance:organisation-detail", args=[territory["organisation"].slug])
    visit(client, url)
    assert visit(client, url)[pagecache.HIT_HEADER] == "hit"
    assert not AccessLog.objects.exists()


def test_an_unreachable_cache_only_means_pages_are_made_afresh(
    client, partner, territory, settings
):
    settings.CACHES = {
        **settings.CACHES,
        # Nothing listens on port 1: every lookup fails as when Redis is down.
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    client.force_login(partner)
    url = reverse("governance:organigram")
    assert pagecache.HIT_HEADER not in visit(client, url)
    assert pagecache.HIT_HEADER not in visit(client, url)
