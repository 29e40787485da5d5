"""No input brings the portal down: every page a role reaches, and every form and parameter on
it, is sent hostile values; no answer is a server error, and a form that was not accepted
changed nothing.

The pages are found as a person finds them, by following the links from the home page of the
Charlevoix demo (as anonymous, a partner, a delegate, the ADOC team); each form found on them
is then submitted once per hostile value, every field of it set to that value, and each page's
query parameters (those of its GET forms and of its links) likewise. The summary printed at the
end says how many requests it made."""

import io
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection

from backups.archive import table_counts

HOSTILE = [
    "",
    "x" * 100_000,
    "\x01\x02\x1b[31m\x7f",
    "\u202eعربي\u202c 🎉👩🏽‍💻",
    '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "' OR 1=1; DROP TABLE governance_person; --",
    "0001-01-01",
    "9999-12-31T23:59",
    "2026-02-30",
    "-1",
    "99999999999999999999999",
    "1e309",
    "abc",
]
# NUL is refused before any view (infrastructure.bad_input): one value is enough for it.
NUL = "a\x00b"
# Sent into one field at a time, the others keeping what the page filled in: a form whose
# other fields are valid lets these reach the model and the database.
ONE_FIELD = ["x" * 100_000, "9999-12-31T23:59", "0001-01-01", "99999999999999999999999", "-1"]

ROLES = [None, "partenaire@example.org", "delegue@example.org", "adoc@example.org"]
PAGES_PER_ROLE = 45
# Links whose following changes the session rather than shows a page.
SKIPPED = re.compile(r"^/(comptes/logout|i18n/|admin/|static/|media/|sante/)|\.ics$|\.csv$|\.json$")


# Tags that start a new line of text as a browser shows it (tests/test_french.py reads the text).
BLOCKS = {
    "p", "div", "li", "td", "th", "tr", "br", "option", "section", "article", "header",
    "footer", "nav", "main", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "label",
    "legend", "caption", "summary", "button", "title", "ul", "ol", "table", "form",
}  # fmt: skip
HIDDEN = {"script", "style", "template"}


class Page(HTMLParser):
    """The links, the forms and the visible text of one page."""

    def __init__(self):
        super().__init__()
        self.links, self.forms, self._form = [], [], None
        self._text, self._hidden = [], 0

    @property
    def text(self):
        return "".join(self._text)

    def handle_data(self, data):
        if not self._hidden:
            self._text.append(data)

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in HIDDEN
        if tag in BLOCKS:
            self._text.append("\n")
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href", "").startswith("/"):
            self.links.append(attrs["href"].split("#")[0])
        elif tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea", "button"):
            name = attrs.get("name")
            if name and name != "csrfmiddlewaretoken" and attrs.get("type") != "file":
                self._form["fields"].setdefault(name, attrs.get("value") or "")

    def handle_endtag(self, tag):
        self._hidden -= tag in HIDDEN and self._hidden > 0
        if tag in BLOCKS:
            self._text.append("\n")
        if tag == "form":
            self._form = None


def parse(response):
    page = Page()
    page.feed(response.content.decode(errors="replace"))
    return page


class Fuzzer:
    def __init__(self, client):
        # A server error is counted and the fuzzing goes on, as a scanner would.
        client.raise_request_exception = False
        self.client = client
        self.requests = 0
        self.failures = []

    def send(self, method, url, data=None):
        self.requests += 1
        response = getattr(self.client, method)(url, data or {})
        if response.status_code >= 500 or b"Traceback" in response.content:
            self.failures.append(f"{response.status_code} {method.upper()} {url} {str(data)[:200]}")
        return response

    def pages_of(self, role):
        """The pages `role` reaches from the home page, breadth first."""
        seen, queue, pages = set(), ["/"], []
        while queue and len(pages) < PAGES_PER_ROLE:
            url = queue.pop(0)
            if url in seen or SKIPPED.search(url):
                continue
            seen.add(url)
            response = self.send("get", url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            page = parse(response)
            pages.append((url, page))
            queue.extend(link for link in page.links if link not in seen)
        return pages

    def fuzz_parameters(self, url, page):
        path, query = urlsplit(url).path, dict(parse_qsl(urlsplit(url).query))
        names = set(query) | {"page", "q"}
        for form in page.forms:
            if form["method"] == "get":
                names |= set(form["fields"])
        for value in [*HOSTILE, NUL]:
            self.send("get", f"{path}?{urlencode(dict.fromkeys(names, value))}")

    def fuzz_form(self, url, form):
        action = form["action"] or url
        if SKIPPED.search(action) or not form["fields"]:
            return
        attempts = [dict.fromkeys(form["fields"], value) for value in [*HOSTILE, NUL]]
        attempts += [
            {**form["fields"], name: value} for name in form["fields"] for value in ONE_FIELD
        ]
        for data in attempts:
            before = table_counts()
            response = self.send("post", action, data)
            if response.status_code < 300 and table_counts() != before:
                self.failures.append(f"saved though refused: POST {action} {str(data)[:80]}")


@pytest.mark.django_db
def test_no_hostile_input_brings_a_page_down_or_slips_past_a_form(
    client, settings, record_property
):
    settings.RATELIMIT_ENABLE = False
    call_command("load_demo", "--force", verbosity=0, stdout=io.StringIO())
    from accounts.models import User

    fuzzer = Fuzzer(client)
    for email in ROLES:
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        for url, page in fuzzer.pages_of(email):
            fuzzer.fuzz_parameters(url, page)
            for form in page.forms:
                if form["method"] == "post":
                    fuzzer.fuzz_form(url, form)
    record_property(  # said at the end of the run (tests/conftest.py)
        "summary",
        f"fuzzing on {connection.vendor}: {fuzzer.requests} requests as {len(ROLES)} roles, "
        f"{len(fuzzer.failures)} failures",
    )
    assert not fuzzer.failures, "\n".join(fuzzer.failures[:40])
