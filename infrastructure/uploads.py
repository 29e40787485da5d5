"""Uploaded files checked by what they contain, not by their name.

An extension is a claim: an HTML page or a program renamed `.pdf`, an SVG renamed `.png`, would
otherwise be stored and handed to every partner who opens it. The first bytes of a file say what
it is (filetype reads the signatures: PDF, PNG, JPEG, the OpenDocument and Office formats); a
file whose extension names a text format (CSV, plain text) must be text, and not markup.
"""

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Extensions that name the same kind of content.
SAME_KIND = {"jpeg": "jpg"}
# Formats without a signature: the content must be text (UTF-8 or Latin-1) and not markup.
TEXT_EXTENSIONS = {"csv", "txt"}
# Markup a browser would render or run, found at the start of a "text" file.
MARKUP = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body", b"<iframe")
SAMPLE_BYTES = 8192


def _extension(name):
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    return SAME_KIND.get(extension, extension)


def _sample(upload):
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    sample = upload.read(SAMPLE_BYTES)
    upload.seek(position)
    return sample


def _is_plain_text(sample):
    """Text in any 8-bit encoding (UTF-8 or Latin-1, as spreadsheets write CSV): no control
    character but tabs and line ends, and no markup at its start."""
    start = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(MARKUP):
        return False
    return not any(byte < 9 or 13 < byte < 32 or byte == 127 for byte in sample)


def content_matches_extension(upload, extensions):
    """Raise a ValidationError unless the file's content is of the kind its extension names,
    among `extensions` (the extension itself is checked by FileExtensionValidator)."""
    if upload is None:
        return
    claimed = _extension(upload.name)
    if claimed not in {SAME_KIND.get(e, e) for e in extensions}:
        return  # FileExtensionValidator says so, with the list of accepted extensions
    sample = _sample(upload)
    if claimed in TEXT_EXTENSIONS:
        if _is_plain_text(sample):
            return
    else:
        kind = filetype.guess(sample)
        if kind is not None and SAME_KIND.get(kind.extension, kind.extension) == claimed:
            return
    raise ValidationError(
        _(
            "The content of “%(name)s” is not a %(extension)s file, whatever its name says: "
            "save it again in that format, or choose another file."
        ),
        params={"name": upload.name, "extension": claimed.upper()},
        code="file_content",
    )
