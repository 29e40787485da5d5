"""Calendar subscriptions: the page that explains them, renewing one's addresses, and the
feeds themselves (addressed by a secret token: calendar apps cannot log in)."""

import time

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from governance.models import Body, current_identity
from infrastructure.access import require_person
from meetings import feeds
from meetings.calendar import calendar_of
from meetings.views.common import base_url, partners_only


@partners_only
def my_calendar(request):
    """How to subscribe to one's private calendar, or to a body's, from a calendar app."""
    person = require_person(request)
    # Reading the page creates nothing: the addresses are made by a POST (my_calendar_renew).
    feed = feeds.existing_feed_of(person)
    context = {"feed": feed, "past_days": feeds.FEED_PAST_DAYS}
    if feed is not None:
        base = base_url(request)
        private_url = base + reverse("meetings:feed-person", args=[feed.token])
        body_feeds = [
            (body, base + reverse("meetings:feed-body", args=[feed.token, body.slug]))
            for body in Body.objects.active()
        ]
        context.update(
            private_url=private_url,
            private_webcal=_webcal(private_url),
            body_feeds=[(body, url, _webcal(url)) for body, url in body_feeds],
        )
    return render(request, "meetings/my_calendar.html", context)


def _webcal(url):
    """The same address with the webcal scheme, which opens the calendar app directly."""
    return "webcal://" + url.split("://", 1)[1]


@require_POST
@partners_only
def my_calendar_renew(request):
    """Create the person's calendar addresses, or renew them (the old ones stop working)."""
    person = require_person(request)
    if feeds.existing_feed_of(person) is None:
        feeds.feed_of(person)
        messages.success(request, _("Your calendar addresses are ready."))
    else:
        feeds.feed_of(person).renew()
        messages.success(
            request,
            _(
                "Your calendar addresses were renewed. The old ones no longer work: subscribe "
                "again with the new ones."
            ),
        )
    return redirect("meetings:my-calendar")


# A feed kept in the cache lasts until what it shows changes (its ETag), or this long.
FEED_CACHE_SECONDS = 24 * 3600


def _ics(request, key, meetings, name, filename):
    """The feed of `meetings`, made once per change: calendar apps poll every feed every few
    hours, and making one (icalendar's serialisation) cost 11 to 27 times a plain page. A
    conditional request (If-None-Match, If-Modified-Since) that has not changed gets a 304;
    HEAD gets the headers without the feed being made."""
    base = base_url(request)
    etag = feeds.etag_of(meetings, name, base)
    key = f"ics:{key}:{get_language()}"
    kept = cache.get(key)
    if kept is None or kept["etag"] != etag:
        # Last-Modified: when this content was first served (never earlier than its change).
        kept = {"etag": etag, "last_modified": int(time.time()), "content": None}
    response = get_conditional_response(request, etag=etag, last_modified=kept["last_modified"])
    if response is None:
        if kept["content"] is None and request.method != "HEAD":
            kept["content"] = calendar_of(meetings, name, base)
            cache.set(key, kept, FEED_CACHE_SECONDS)
        response = HttpResponse(
            kept["content"] if request.method != "HEAD" else b"",
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(kept["last_modified"])
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def feed_person(request, token):
    """Every meeting of every body the token's owner sits on."""
    person = feeds.feed_owner(token)
    if person is None:
        raise Http404
    name = _("%(alliance)s – my meetings") % {"alliance": current_identity().short_name}
    return _ics(
        request, f"person:{person.pk}", feeds.person_meetings(person), name, "dsi-charlevoix.ics"
    )


@require_safe
def feed_body(request, token, slug):
    """Every meeting of one body, for the token's owner."""
    if feeds.feed_owner(token) is None:
        raise Http404
    body = get_object_or_404(Body.objects.active(), slug=slug)
    name = _("%(alliance)s – %(body)s") % {
        "alliance": current_identity().short_name,
        "body": body.name,
    }
    filename = f"dsi-charlevoix-{body.slug}.ics"
    return _ics(request, f"body:{body.pk}", feeds.body_meetings(body), name, filename)
