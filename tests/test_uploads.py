"""Documents and attachments checked by their content (infrastructure/uploads.py): a file
disguised under an accepted extension is refused with a French message; genuine files pass."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from infrastructure.uploads import content_matches_extension
from meetings.models import Document
from meetings.models.agenda import DOCUMENT_EXTENSIONS
from tests.factories import MeetingFactory


def png():
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


def odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
    return buffer.getvalue()


GENUINE = [
    ("ordre-du-jour.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"),
    ("photo.png", png()),
    ("photo.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 32),
    ("proces-verbal.docx", docx()),
    ("proces-verbal.odt", odt()),
    ("presences.csv", "Nom;Présence\nÉlise Côté;présente\n".encode()),
    ("presences-excel.csv", "Nom;Présence\nÉlise Côté;présente\r\n".encode("latin-1")),
    ("notes.txt", "Une note\ttabulée.\n".encode()),
]
DISGUISED = [
    ("rapport.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
    ("rapport.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48),
    ("rapport.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56),
    ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ("logo.jpg", png()),  # a picture, but not the one its name says
    ("budget.docx", b"PK\x03\x04" + b"\x00" * 60),  # any zip is not a document
    ("presences.csv", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
    ("presences.csv", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56),
]


@pytest.mark.parametrize(("name", "content"), GENUINE, ids=[g[0] for g in GENUINE])
def test_a_genuine_file_is_accepted(name, content):
    content_matches_extension(SimpleUploadedFile(name, content), DOCUMENT_EXTENSIONS)


@pytest.mark.parametrize(
    ("name", "content"), DISGUISED, ids=[f"{i}-{d[0]}" for i, d in enumerate(DISGUISED)]
)
def test_a_disguised_file_is_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        content_matches_extension(SimpleUploadedFile(name, content), DOCUMENT_EXTENSIONS)
    assert refused.value.code == "file_content"


@pytest.mark.parametrize(
    ("name", "content"), DISGUISED[:4], ids=[f"{i}-{d[0]}" for i, d in enumerate(DISGUISED[:4])]
)
def test_a_disguised_document_gets_a_french_message_and_keeps_the_title(
    client, territory, adoc, settings, tmp_path, name, content
):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(body=territory["council"])
    client.force_login(adoc)

    response = client.post(
        reverse("meetings:document-create", args=[meeting.pk]),
        {"title": "Budget détaillé", "file": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "ne correspond pas" in page
    assert "Budget détaillé" in page
    assert not Document.objects.exists()
    assert not list(tmp_path.rglob("*.*"))  # nothing stored


def test_a_genuine_document_is_kept(client, territory, adoc, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(body=territory["council"])
    client.force_login(adoc)

    client.post(
        reverse("meetings:document-create", args=[meeting.pk]),
        {"title": "Procès-verbal", "file": SimpleUploadedFile("pv.docx", docx())},
    )

    assert Document.objects.get().title == "Procès-verbal"


def _stored(meeting, adoc):
    return Document.objects.create(
        meeting=meeting,
        title="Budget",
        file=SimpleUploadedFile("budget.pdf", GENUINE[0][1]),
        size=len(GENUINE[0][1]),
        uploaded_by=adoc,
    )


def test_adoc_replaces_then_deletes_a_document(client, territory, adoc, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(body=territory["council"])
    document = _stored(meeting, adoc)
    client.force_login(adoc)
    assert (
        reverse("meetings:document-replace", args=[document.pk])
        in client.get(meeting.get_absolute_url()).content.decode()
    )

    replaced = client.post(
        reverse("meetings:document-replace", args=[document.pk]),
        {"title": "Budget révisé", "file": SimpleUploadedFile("budget-2.docx", docx())},
    )
    assert replaced.status_code == 302
    document.refresh_from_db()
    assert document.title == "Budget révisé"
    assert document.filename.endswith(".docx")

    deleted = client.post(reverse("meetings:document-delete", args=[document.pk]), follow=True)
    assert "est supprimé" in deleted.content.decode()
    assert not Document.objects.exists()
    assert Document.history.filter(history_type="-").count() == 1


def test_a_replacement_disguised_is_refused_and_the_document_kept(
    client, territory, adoc, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(body=territory["council"])
    document = _stored(meeting, adoc)
    client.force_login(adoc)

    response = client.post(
        reverse("meetings:document-replace", args=[document.pk]),
        {"title": "Budget", "file": SimpleUploadedFile("budget.pdf", DISGUISED[0][1])},
    )

    assert response.status_code == 200
    assert "ne correspond pas" in response.content.decode()
    document.refresh_from_db()
    assert document.size == len(GENUINE[0][1])


@pytest.mark.parametrize(("role", "status"), [("partner", 404), ("council", 403)])
def test_who_may_not_keep_the_records_neither_replaces_nor_deletes(
    client, territory, adoc, login_as, settings, tmp_path, role, status
):
    """A partner outside the comité does not see its draft records (404); a member reads them
    but does not keep them (403)."""
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(body=territory["council"])
    document = _stored(meeting, adoc)
    login_as(role)

    replace = reverse("meetings:document-replace", args=[document.pk])
    assert client.get(replace).status_code == status
    assert client.post(reverse("meetings:document-delete", args=[document.pk])).status_code == (
        status
    )
    assert Document.objects.filter(pk=document.pk, title="Budget").exists()
