"""The page cache (infrastructure/pagecache.py): a page comes back without its queries, never
older than the last change to what it shows nor to anyone else, and kept through the writes it
does not show."""

import contextlib
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from governance.models import Body, Organisation
from infrastructure import pagecache
from privacy.models import AccessLog
from tests.factories import PASSWORD, MeetingFactory


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
    # A page kept per session (the body page; the organigram is shared: test_shared_pages).
    url = reverse("governance:body-detail", args=[territory["council"].slug])
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


def test_a_write_to_a_table_a_page_did_not_read_leaves_it_kept(
    client, partner, territory, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    organigram, calendar = reverse("governance:organigram"), reverse("meetings:meeting-list")
    visit(client, organigram)
    visit(client, calendar)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        MeetingFactory(body=territory["council"], title="Rencontre de la rentrée")
    assert callbacks, "the new meeting was counted"
    # The organigram reads no meeting: it is kept. The calendar reads them: made afresh.
    assert visit(client, organigram)[pagecache.HIT_HEADER] == "hit"
    response = visit(client, calendar)
    assert pagecache.HIT_HEADER not in response
    assert "Rencontre de la rentrée" in response.content.decode()


def test_an_update_of_a_table_the_page_read_shows_at_once(
    client, partner, territory, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    url = reverse("governance:body-detail", args=[territory["council"].slug])
    visit(client, url)
    # QuerySet.update() sends no signal: its SQL is what is counted.
    with django_capture_on_commit_callbacks(execute=True):
        Body.objects.filter(pk=territory["council"].pk).update(name="Comité conseil élargi")
    response = visit(client, url)
    assert pagecache.HIT_HEADER not in response
    assert "Comité conseil élargi" in response.content.decode()


def test_a_bulk_insert_into_a_table_the_page_read_shows_at_once(
    client, partner, territory, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    url = reverse("governance:directory")
    visit(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.bulk_create(
            [Organisation(name="Coopérative du fjord", slug="cooperative-fjord")]
        )
    response = visit(client, url)
    assert pagecache.HIT_HEADER not in response
    assert "Coopérative du fjord" in response.content.decode()


def test_a_write_rolled_back_changes_nothing(client, partner, territory):
    client.force_login(partner)
    url = reverse("governance:body-detail", args=[territory["council"].slug])
    visit(client, url)
    with contextlib.suppress(RuntimeError), transaction.atomic():
        Body.objects.filter(pk=territory["council"].pk).update(name="Jamais enregistré")
        raise RuntimeError
    assert visit(client, url)[pagecache.HIT_HEADER] == "hit"


def test_an_access_log_row_empties_no_page(
    client, partner, adoc, territory, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    url = reverse("governance:organisation-detail", args=[territory["organisation"].slug])
    organigram = reverse("governance:organigram")
    visit(client, url)
    visit(client, organigram)
    staff = Client()
    staff.force_login(adoc)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        visit(staff, url)  # staff see the contact details: one row in the access log
    assert AccessLog.objects.filter(viewer=adoc).count() == 1
    assert callbacks, "the access log's row was counted"
    assert visit(client, url)[pagecache.HIT_HEADER] == "hit"
    assert visit(client, organigram)[pagecache.HIT_HEADER] == "hit"


def test_a_login_empties_no_page(
    client, partner, adoc, territory, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    url = reverse("governance:organigram")
    visit(client, url)
    other = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = other.post(reverse("account_login"), {"login": adoc.email, "password": PASSWORD})
    assert response.status_code == 302
    adoc.refresh_from_db()
    assert adoc.last_login is not None
    assert visit(client, url)[pagecache.HIT_HEADER] == "hit"


def test_a_change_to_a_user_other_than_the_last_login_shows(
    client, partner, territory, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    url = reverse("governance:organigram")
    visit(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        partner.email = "nouvelle-adresse@example.org"
        partner.save(update_fields=["email", "last_login"])
    assert pagecache.HIT_HEADER not in visit(client, url)


def test_a_restore_makes_every_page_afresh(client, partner, territory):
    client.force_login(partner)
    url = reverse("governance:organigram")
    visit(client, url)
    pagecache.bump()  # what `manage.py restore` calls once the database is replaced
    assert pagecache.HIT_HEADER not in visit(client, url)
    assert visit(client, url)[pagecache.HIT_HEADER] == "hit"


def test_a_lost_generation_makes_its_pages_afresh(client, partner, territory):
    client.force_login(partner)
    url = reverse("governance:organigram")
    visit(client, url)
    # Redis restarted or evicted the number: it starts again from the clock, never back.
    pagecache.page_cache().delete(pagecache.generation_key("governance_body"))
    assert pagecache.HIT_HEADER not in visit(client, url)
    assert visit(client, url)[pagecache.HIT_HEADER] == "hit"
