"""A person's pages, kept in the shared cache until something they show changes.

Most of a partner's visits reread pages that have not changed since their last visit: the
organigram, a chantier, a meeting record. `@cached_page` keeps the HTML a view produced for one
session and hands it back on the next visit without running the view (no SQL query at all when
sessions live in Redis).

- The cache alias "pages" is Redis when REDIS_URL is set; otherwise it is a dummy and nothing is
  kept (the database cache would spend a query per lookup, which is what this saves).
- An entry belongs to one session, one language and one path with its query string. It also
  names the database tables its view and template read (their SQL, seen while the page was
  made) with each table's *generation*: a number that every committed write to the table
  increments, by anyone on any instance. Seen again, one MGET of those generations tells
  whether the page is still what its tables hold; a write to a table the page did not read (the
  access log, the task queue, another app's records) leaves it kept. Entries also expire after
  PAGE_CACHE_SECONDS, for what changes with the clock alone ("upcoming" meetings).
- Writes are seen in their SQL too (INSERT, UPDATE, DELETE on every connection), so
  `QuerySet.update()`, `bulk_create()`, `bulk_update()` and cascades count as well as `save()`;
  the generation moves after the commit. Never counted: the sessions (each entry is one
  session's already), and a user's `last_login` alone (a login changes no page, though every
  page reads its user). `bump()` with no table makes every kept page out of date (a restore).
- A response is kept only when it is a plain 200 page that set no cookie, changed nothing in the
  session, showed no message and was not marked `dont_keep()` (staff seeing someone's personal
  information: privacy.receivers logs it at each visit).
- A page handed back gets a fresh CSRF token, and only to the session whose user it was made for.
"""

import contextlib
import contextvars
import functools
import hashlib
import logging
import re
import time

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.template.response import SimpleTemplateResponse

ALIAS = "pages"
# Not a table: the generation that bump() moves, which every kept page depends on.
EVERYTHING = "*"
# Written at nearly every request and shown by no page as such (an entry is one session's).
NEVER_SHOWN = {"django_session"}
# Columns of a table whose change alone shows on no page: a login sets `last_login`.
UNSHOWN_COLUMNS = {"last_login"}
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
HIT_HEADER = "X-Page-Cache"
# The viewer's own part of the layout (their menu), between these marks in base.html: a kept
# page holds an empty slot, filled at each visit from PERSONAL_TEMPLATE.
PERSONAL = re.compile(rb"<!--personal-->.*?<!--/personal-->", re.S)
PERSONAL_SLOT = b"<!--personal--><!--/personal-->"
PERSONAL_TEMPLATE = "includes/personal_menu.html"

# Django quotes every table it names: "table" on SQLite and PostgreSQL, `table` on MySQL.
QUOTED = re.compile(r'["`](\w+)["`]')
WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)', re.I
)
TRUNCATE = re.compile(r"\s*TRUNCATE\b", re.I)
# UPDATE "t" SET "a" = %s, "b" = %s WHERE …: the plain assignments of a save(update_fields=…).
PLAIN_SET = re.compile(
    r'["`]?\s+SET\s+((?:["`]\w+["`]\s*=\s*%s\s*,\s*)*["`]\w+["`]\s*=\s*%s)\s+WHERE\b'
)

logger = logging.getLogger(__name__)
_reading = contextvars.ContextVar("pagecache_reading", default=None)


def page_cache():
    return caches[ALIAS]


def enabled():
    return not isinstance(page_cache(), DummyCache)


@functools.cache
def known_tables():
    """The tables of the installed models (many-to-many and history tables included)."""
    return (
        frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))
        - NEVER_SHOWN
    )


def user_table():
    return apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table


def generation_key(table):
    return f"generation:{table}"


def generations(tables):
    """The current generation of each table; a table's first one is taken from the clock, so
    that a generation lost with Redis (a restart, an eviction) never comes back to one that
    pages were kept under."""
    cache = page_cache()
    keys = {generation_key(table): table for table in tables}
    found = cache.get_many(keys)  # one round trip (MGET), as a rule
    missing = [key for key in keys if key not in found]
    if missing:
        start = time.time_ns()
        for key in missing:
            cache.add(key, start, timeout=None)  # whoever comes first sets it
        found.update(cache.get_many(missing))
    return {keys[key]: value for key, value in found.items()}


def unchanged(kept_generations):
    """Whether no table the page read was written since it was made."""
    keys = {generation_key(table): number for table, number in kept_generations.items()}
    current = page_cache().get_many(keys)
    return all(current.get(key) == number for key, number in keys.items())


def bump(*tables):
    """Every page kept so far that read one of `tables` (all of them, with none) is out of
    date."""
    cache = page_cache()
    for table in tables or (EVERYTHING,):
        key = generation_key(table)
        try:
            cache.incr(key)
        except ValueError:  # not there (yet, or any more): a fresh start is as good
            cache.add(key, time.time_ns(), timeout=None)


def bump_robustly(table):
    try:
        bump(table)
    except Exception:  # the write is done all the same; pages expire after their time
        logger.warning("Page cache unreachable; a write to %s not counted", table)


def written(sql):
    """The tables a statement writes to, those whose change a page may show."""
    match = WRITE.match(sql)
    if match:
        table = match[1]
        if table in NEVER_SHOWN:
            return ()
        if sql.lstrip()[:6].upper() == "UPDATE" and table == user_table():
            assigned = PLAIN_SET.match(sql, match.end())
            if assigned and set(QUOTED.findall(assigned[1])) <= UNSHOWN_COLUMNS:
                return ()
        return (table,)
    if TRUNCATE.match(sql):
        return tuple(set(QUOTED.findall(sql)) - NEVER_SHOWN)
    return ()


def watch(execute, sql, params, many, context):
    """On every connection: count the writes (after their commit) and, while a page is being
    made, the tables it reads."""
    result = execute(sql, params, many, context)
    if not isinstance(sql, str):
        return result
    tables = written(sql)
    if tables:
        if enabled():
            alias = context["connection"].alias
            for table in tables:
                try:
                    # After the commit: a page made meanwhile from the old rows was kept
                    # under the old number.
                    transaction.on_commit(functools.partial(bump_robustly, table), using=alias)
                except transaction.TransactionManagementError:  # autocommit off, by hand
                    bump_robustly(table)
    else:
        reading = _reading.get()
        if reading is not None:
            reading.update(set(QUOTED.findall(sql)) & known_tables())
    return result


def install(sender=None, connection=None, **kwargs):
    # First in the list: the context managers of Django's execute_wrapper() pop the last one.
    if watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, watch)


def connect():
    """Called once, from the project's AppConfig.ready()."""
    connection_created.connect(install, dispatch_uid="pagecache-watch")
    for connection in connections.all(initialized_only=True):
        install(connection=connection)


@contextlib.contextmanager
def reading():
    """The tables read by the queries run inside the block."""
    tables = set()
    token = _reading.set(tables)
    try:
        yield tables
    finally:
        _reading.reset(token)
        outer = _reading.get()
        if outer is not None:  # a page made inside another one: the outer one read it too
            outer.update(tables)


def depends_on(*tables):
    """The page being made shows what these tables hold, though it read them from elsewhere
    than a query (a value kept in the process): a write to one makes the page out of date."""
    reading = _reading.get()
    if reading is not None:
        reading.update(tables)


def kept_until_changed(key, compute):
    """What `compute()` returns, computed once and kept in the page cache until a table its
    queries read is written (by anyone, on any instance), or PAGE_CACHE_SECONDS have passed.

    For what nearly every request asks and rarely changes: a person's roles and seats. The
    value must be picklable and must depend on nothing but the rows it read (put whatever
    else it depends on, the day, the language, in `key`). Without Redis it is computed every
    time, as before; a page being made that uses a kept value depends on its tables too.
    """
    if not enabled():
        return compute()
    cache = page_cache()
    key = "kept:" + key
    try:
        kept = cache.get(key)
        if kept is not None and unchanged(kept["generations"]):
            outer = _reading.get()
            if outer is not None:
                outer.update(kept["generations"].keys() - {EVERYTHING})
            return kept["value"]
        # Taken before computing: a write committed meanwhile makes the value out of date.
        before = generations(known_tables() | {EVERYTHING})
    except Exception:  # Redis unreachable: computed as if nothing were kept
        logger.warning("Page cache unreachable; %s computed without it", key)
        return compute()
    with reading() as read:
        value = compute()
    read.add(EVERYTHING)
    if read <= before.keys():
        try:
            cache.set(key, {"value": value, "generations": {t: before[t] for t in read}})
        except Exception:
            logger.warning("Page cache unreachable; %s not kept", key)
    return value


def dont_keep(request):
    """This response must not be handed back later: something must happen at each visit
    (the access log of privacy.receivers)."""
    request.page_cache_skip = True


def page_key(request):
    parts = (
        request.session.session_key or "anonymous",
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path(),
    )
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def shared_key(request, audience):
    parts = ("shared", audience, getattr(request, "LANGUAGE_CODE", ""), request.get_full_path())
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def storable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.session.modified
        and not getattr(request, "page_cache_skip", False)
    )


def _keeping(view, key_and_owner, *, shared):
    """A view whose GET answers are kept under `key_and_owner(request)` = (key, owner) until a
    table they read changes. A kept page is given the viewer's CSRF token and, when it is
    `shared` by several people, the viewer's own part of the layout (kept without it)."""
    personalise = with_personal_part if shared else with_token

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or not enabled() or len(get_messages(request)):
            return view(request, *args, **kwargs)
        cache = page_cache()
        try:
            key, owner = key_and_owner(request)
            kept = cache.get(key)
            # A session's page is never given to another user of the same session key, a
            # shared page never to another audience (its key says it too: this is a check).
            fresh = kept is not None and kept["user"] == owner and unchanged(kept["generations"])
            if not fresh:
                # Taken before the view runs: a write committed meanwhile makes it out of date.
                before = generations(known_tables() | {EVERYTHING})
        except Exception:  # Redis unreachable: the page is made as if nothing were kept
            logger.warning("Page cache unreachable; %s served without it", request.path)
            return view(request, *args, **kwargs)
        if fresh:
            content = personalise(request, kept["content"])
            response = HttpResponse(content, content_type=kept["content_type"])
            response[HIT_HEADER] = "hit"
            return response
        with reading() as read:
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse):  # class-based views render late
                response = response.render()
        # Every page shows who is logged in, whether or not its queries read the user.
        read |= {user_table(), EVERYTHING}
        if storable(request, response) and read <= before.keys():
            kept = {
                "user": owner,
                # A shared page is kept without its viewer's part of the layout (someone
                # else's menu): that is made again at each visit.
                "content": (
                    PERSONAL.sub(PERSONAL_SLOT, response.content) if shared else response.content
                ),
                "content_type": response["Content-Type"],
                "generations": {table: before[table] for table in read},
            }
            try:
                cache.set(key, kept)
            except Exception:  # the page is answered all the same
                logger.warning("Page cache unreachable; %s not kept", request.path)
        return response

    return wrapper


def with_token(request, content):
    token = get_token(request).encode()
    return CSRF_INPUT.sub(rb"\g<1>" + token + rb"\g<2>", content)


def with_personal_part(request, content):
    """The kept page with the viewer's CSRF token and their own part of the layout (the
    `personal` block of base.html, made from PERSONAL_TEMPLATE for them)."""
    content = with_token(request, content)
    if PERSONAL_SLOT in content:
        personal = render_to_string(PERSONAL_TEMPLATE, request=request).encode()
        content = content.replace(
            PERSONAL_SLOT, b"<!--personal-->" + personal + b"<!--/personal-->", 1
        )
    return content


def cached_page(view):
    """Keep what `view` answers to a GET, per session, until a table it read changes."""

    def session_key_and_owner(request):
        return page_key(request), request.session.get(SESSION_KEY)

    return _keeping(view, session_key_and_owner, shared=False)


def shared_page(audience):
    """Keep what a view answers to a GET once for everyone it is the same for, until a table it
    read changes: `audience(user)` is a string that two viewers share only when the page is
    the same for both (their roles and seats, say), but for the personal part of the layout.

    For pages that depend on nothing else of the viewer; a test for each such page makes it
    for two viewers of one audience and compares them.
    """

    def decorator(view):
        def shared_key_and_owner(request):
            who = audience(request.user)
            return shared_key(request, who), who

        return _keeping(view, shared_key_and_owner, shared=True)

    return decorator
