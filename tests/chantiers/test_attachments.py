"""Attachments of progress reports: added while writing, handed out only to their readers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chantiers import forms as chantier_forms
from chantiers.models import Attachment, ProgressReport, ReportStatus
from tests.factories import ProgressReportFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="proces-verbal.pdf", content=b"%PDF-1.4 un proces-verbal"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def data(**extra):
    return {
        "period_start": "2020-01-01",
        "period_end": "2020-06-30",
        "narrative": "Avec pièce jointe.",
        **extra,
    }


def test_a_draft_carries_an_attachment_that_only_its_readers_download(
    client, chantier_member, partner, territory
):
    chantier = territory["chantier"]
    client.force_login(chantier_member)

    client.post(reverse("chantiers:report-create", args=[chantier.slug]), data(attachment=pdf()))

    attachment = Attachment.objects.get()
    assert attachment.name == "proces-verbal.pdf"
    assert attachment.added_by == chantier_member.person
    assert "proces-verbal" not in attachment.file.name  # stored under an unguessable name
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 un proces-verbal"
    assert "proces-verbal.pdf" in download["Content-Disposition"]

    client.force_login(partner)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    ProgressReport.objects.update(status=ReportStatus.APPROVED)
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_a_file_of_another_kind_is_refused(client, chantier_member, territory):
    client.force_login(chantier_member)

    response = client.post(
        reverse("chantiers:report-create", args=[territory["chantier"].slug]),
        data(attachment=pdf("script.exe", b"MZ")),
    )

    assert response.status_code == 200
    assert "attachment" in response.context["form"].errors
    assert not ProgressReport.objects.exists()


def test_a_file_disguised_as_a_pdf_is_refused_in_french(client, chantier_member, territory):
    client.force_login(chantier_member)

    response = client.post(
        reverse("chantiers:report-create", args=[territory["chantier"].slug]),
        data(attachment=pdf("bilan.pdf", b"<!DOCTYPE html><html><script>alert(1)</script>")),
    )

    assert response.status_code == 200
    (message,) = response.context["form"].errors["attachment"]
    assert "ne correspond pas à un fichier PDF" in message
    assert not ProgressReport.objects.exists()


def test_a_file_too_large_is_refused(client, chantier_member, territory, monkeypatch):
    monkeypatch.setattr(chantier_forms, "ATTACHMENT_MAX_BYTES", 10)
    client.force_login(chantier_member)

    response = client.post(
        reverse("chantiers:report-create", args=[territory["chantier"].slug]),
        data(attachment=pdf()),
    )

    assert "10 Mo" in response.context["form"].errors["attachment"][0]
    assert not Attachment.objects.exists()


def test_an_attachment_is_removed_while_the_report_is_being_written(
    client, chantier_member, territory
):
    report = ProgressReportFactory(chantier=territory["chantier"])
    client.force_login(chantier_member)
    url = reverse("chantiers:report-update", args=[report.chantier.slug, report.pk])
    first = client.post(url, data(attachment=pdf(), version=0))
    assert first.status_code == 302, first.context["form"].errors
    attachment = Attachment.objects.get()

    client.post(url, data(remove_attachments=[attachment.pk], version=1))

    assert not Attachment.objects.exists()
