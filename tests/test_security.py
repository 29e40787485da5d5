"""Production hardening: deploy checks, security headers, no account enumeration, safe files."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Document
from tests.factories import MeetingFactory

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-key-" + "x" * 50,
    "ALLOWED_HOSTS": "portail.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://portail.example.org",
}


def test_the_deploy_check_finds_nothing_in_production_mode():
    # The browser tests' conftest allows async-unsafe calls in this process; production does not.
    left_out = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in left_out}
    environment.update(PRODUCTION)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_page_carries_the_security_headers(client, partner):
    client.force_login(partner)

    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("pattern", "what"),
    [
        (r"<script(?![^>]*\bsrc=)[^>]*>", "an inline <script>"),
        (r"<style\b", "a <style> element"),
        (r"\sstyle=", "a style= attribute"),
        (r"\son[a-z]+=", "an inline event handler"),
        (r"javascript:", "a javascript: link"),
    ],
)
def test_no_template_holds_what_the_content_security_policy_would_block(pattern, what):
    # The policy allows only the portal's own files; what it blocks would silently not work.
    offenders = [
        str(path.relative_to(ROOT))
        for directory in TEMPLATE_DIRS
        for path in directory.rglob("*.html")
        if re.search(pattern, path.read_text(encoding="utf-8"), re.IGNORECASE)
    ]

    assert offenders == [], f"{what} in {offenders}"


def test_login_does_not_tell_whether_an_address_has_an_account(client, partner):
    def failed_login(email):
        response = client.post(
            reverse("account_login"), {"login": email, "password": "pas-le-bon-mot-de-passe"}
        )
        assert response.status_code == 200
        errors = re.findall(
            r'class="[^"]*alert[^"]*"[^>]*>(.*?)</', response.content.decode(), re.S
        )
        return [error.strip() for error in errors]

    known = failed_login("partenaire@example.org")
    unknown = failed_login("personne@example.org")

    assert known
    assert known == unknown


def test_password_reset_answers_the_same_for_an_unknown_address(
    client, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_reset_password"), {"email": "partenaire@example.org"})
        unknown = client.post(reverse("account_reset_password"), {"email": "personne@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(mail.outbox) == 2
    assert "partenaire@example.org" in mail.outbox[0].to
    assert "/comptes/password/reset/key/" in mail.outbox[0].body
    assert "/comptes/password/reset/key/" not in mail.outbox[1].body


def test_an_uploaded_file_goes_out_as_a_download_never_as_a_page(
    client, territory, adoc, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(body=territory["council"])
    client.force_login(adoc)
    # Markup is refused at upload now (tests/test_uploads.py); one stored before that check, or
    # written to the storage by other means, still goes out as a download.
    document = Document.objects.create(
        meeting=meeting,
        title="Ordre du jour",
        file=SimpleUploadedFile("odj.txt", b"<html><script>alert(1)</script></html>"),
        uploaded_by=adoc,
    )

    response = client.get(reverse("meetings:document-download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not response["Content-Type"].startswith("text/html")


def test_the_uploads_folder_is_not_served_as_is(client, partner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "secret.txt").write_text("confidentiel")
    client.force_login(partner)

    response = client.get(f"/{settings.MEDIA_URL}secret.txt")

    assert response.status_code == 404
