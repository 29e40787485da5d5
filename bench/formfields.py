"""A POST form's fields as a browser would send them (the browsing mix's edits)."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields of the page's POST form that holds `wanted`, as a browser would send them."""

    def __init__(self, wanted):
        super().__init__()
        self.wanted, self.forms, self.fields = wanted, [], None
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.fields = {}
            self.forms.append(self.fields)
        elif self.fields is None:
            return
        elif tag == "option" and self.select:
            if "selected" in attrs or not self.fields[self.select]:
                self.fields[self.select] = attrs.get("value") or ""
        elif "name" not in attrs:
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields[attrs["name"]] = attrs.get("value") or "on"
            elif kind not in {"submit", "button", "file"}:
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self.select = attrs["name"]
            self.fields[self.select] = ""
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.fields = None

    def parse(self, html):
        self.feed(html)
        return next((form for form in self.forms if self.wanted in form), None)
