"""What the sampled crawl reads from a page's HTML without a browser: its links, its h1s, and
the kind of page it is (its URL pattern and template variant)."""

import hashlib
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from django.urls import Resolver404, resolve


def url_pattern(path):
    """The Django route a path resolves to, with the names (not the values) of its query
    parameters: `/rencontres/12/` and `/rencontres/40/` are both `rencontres/<int:pk>/?`,
    `/repertoire/?mrc=x&page=2` is `repertoire/?mrc,page`. A path no route answers is its own
    pattern."""
    parts = urlsplit(path)
    try:
        route = resolve(parts.path).route
    except Resolver404:
        route = parts.path
    names = sorted({name for name, _value in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{route}?{','.join(names)}"


class PageShape(HTMLParser):
    """One pass over a page's HTML: its links, how many h1 it has, and its variant.

    The variant is what changes the template, found from the page itself rather than from a
    list per model: the set of distinct elements inside `<main>`, each written as its tag
    name and classes, plus the URL pattern of every form's action and of every link styled as
    a button there (actions, not the records a page links to). Text is left out, and
    so are repetitions (a set, not a sequence), so two meetings with the same template
    branches are one variant however many agenda items or people they list, while a draft, a
    convened, a held, a published or a cancelled meeting differ (another status badge, other
    buttons and forms: « Convoquer », « Publier », « Adoption »...), and the same goes for an
    election's state, a report's status or a page a role may edit or not. An optional block
    shown for some records only (a website, an alias, minutes) is a variant too: that costs a
    few more pages visited, never a template branch left out. On the demo territory it makes
    about 130 kinds of the ADOC agent's 1,040 pages.
    """

    def __init__(self, url):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links = []
        self.h1 = 0
        self._main_depth = 0
        self._shape = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        href = attributes.get("href") if tag == "a" else None
        if href:
            self.links.append(urldefrag(urljoin(self.url, href))[0])
        if tag == "h1":
            self.h1 += 1
        if tag == "main":
            self._main_depth += 1
        if not self._main_depth:
            return
        classes = " ".join(sorted((attributes.get("class") or "").split()))
        self._shape.add(f"{tag}.{classes}")
        button = tag == "a" and "btn" in classes.split()
        target = href if button else attributes.get("action") if tag == "form" else None
        if target is not None:
            parts = urlsplit(urljoin(self.url, target))
            if f"{parts.scheme}://{parts.netloc}" == origin(self.url):
                self._shape.add(f"-> {url_pattern(f'{parts.path}?{parts.query}')}")
            else:
                self._shape.add("-> elsewhere")

    def handle_endtag(self, tag):
        if tag == "main" and self._main_depth:
            self._main_depth -= 1

    def variant(self):
        """A short hash of the page's structure inside `<main>` (see the class's docstring)."""
        return hashlib.sha256("\n".join(sorted(self._shape)).encode()).hexdigest()[:16]


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def read_page(url, body):
    """Parse one page's HTML: its PageShape (links, h1 count, variant)."""
    shape = PageShape(url)
    shape.feed(body)
    shape.close()
    return shape
