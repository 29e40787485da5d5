"""A person's pages, kept in the shared cache until anything in the portal changes.

Most of a partner's visits reread pages that have not changed since their last visit: the
organigram, a chantier, a meeting record. `@cached_page` keeps the HTML a view produced for one
session and hands it back on the next visit without running the view (no SQL query at all when
sessions live in Redis).

- The cache alias "pages" is Redis when REDIS_URL is set; otherwise it is a dummy and nothing is
  kept (the database cache would spend a query per lookup, which is what this saves).
- An entry belongs to one session, one language and one path with its query string, and to the
  portal's *generation*: a number that every committed write to a model of the portal's apps
  increments. A page is therefore never shown older than the last change, whoever made it, and
  never to another session. Entries also expire after PAGE_CACHE_SECONDS, for what changes with
  the clock alone ("upcoming" meetings).
- A response is kept only when it is a plain 200 page that set no cookie, changed nothing in the
  session, showed no message and was not marked `dont_keep()` (staff seeing someone's personal
  information: privacy.receivers logs it at each visit).
- A page handed back gets a fresh CSRF token, and only to the session whose user it was made for.
"""

import functools
import hashlib
import logging
import re
import time

from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse

ALIAS = "pages"
GENERATION_KEY = "generation"
# The apps whose records the pages show, and the task queue (a meeting's page shows how its
# convocation's emails are going). Sessions and allauth's own tables are left out: their writes
# change no page (a login also saves the user, which counts).
PORTAL_APPS = {
    "accounts",
    "governance",
    "chantiers",
    "meetings",
    "elections",
    "privacy",
    "django_tasks_database",
}
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
HIT_HEADER = "X-Page-Cache"

logger = logging.getLogger(__name__)


def page_cache():
    return caches[ALIAS]


def enabled():
    return not isinstance(page_cache(), DummyCache)


def generation():
    """The current generation; started from the clock, so that a generation number lost with
    Redis (a restart, an eviction) never comes back to one that pages were kept under."""
    cache = page_cache()
    current = cache.get(GENERATION_KEY)  # one round trip at each request, as a rule
    if current is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)  # whoever comes first sets it
        current = cache.get(GENERATION_KEY)
    return current


def bump():
    """Every page kept so far is out of date."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (yet, or any more): a fresh start is as good
        generation()


def bump_after_commit(sender, **kwargs):
    # After the commit: a page made meanwhile from the old rows is kept under the old number.
    if sender._meta.app_label in PORTAL_APPS and enabled():
        transaction.on_commit(bump, robust=True)


def dont_keep(request):
    """This response must not be handed back later: something must happen at each visit
    (the access log of privacy.receivers)."""
    request.page_cache_skip = True


def connect():
    """Called once, from the project's AppConfig.ready()."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_after_commit, dispatch_uid=f"pagecache-{signal}")


def page_key(request):
    parts = (
        str(generation()),
        request.session.session_key or "anonymous",
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path(),
    )
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def storable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.session.modified
        and not getattr(request, "page_cache_skip", False)
    )


def cached_page(view):
    """Keep what `view` answers to a GET, per session, until the portal's next change."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or not enabled() or len(get_messages(request)):
            return view(request, *args, **kwargs)
        cache = page_cache()
        try:
            key = page_key(request)
            kept = cache.get(key)
        except Exception:  # Redis unreachable: the page is made as if nothing were kept
            logger.warning("Page cache unreachable; %s served without it", request.path)
            return view(request, *args, **kwargs)
        # The same session key with another user (or none any more) is never given the page.
        if kept is not None and kept["user"] == request.session.get(SESSION_KEY):
            token = get_token(request).encode()
            content = CSRF_INPUT.sub(rb"\g<1>" + token + rb"\g<2>", kept["content"])
            response = HttpResponse(content, content_type=kept["content_type"])
            response[HIT_HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse):  # class-based views render late
            response = response.render()
        if storable(request, response):
            kept = {
                "user": request.session.get(SESSION_KEY),
                "content": response.content,
                "content_type": response["Content-Type"],
            }
            try:
                cache.set(key, kept)
            except Exception:  # the page is answered all the same
                logger.warning("Page cache unreachable; %s not kept", request.path)
        return response

    return wrapper
