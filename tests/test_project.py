"""Project-wide guarantees: configuration, error pages, demo data, translations."""

import ast
import gettext
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from accounts.models import User
from governance.models import Organisation, Person, Representation, Seat
from governance.roles import Role, roles_for

ROOT = Path(__file__).resolve().parent.parent


def start_django(command=("-c", "import django; django.setup()"), **env):
    """Import the settings in a fresh interpreter with the given environment (and no `.env`
    file unless one is given: a developer's own must not change what these tests see)."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.setdefault("DSI_ENV_FILE", os.devnull)
    environment.update(env, DJANGO_SETTINGS_MODULE="dsi_portal.settings")
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_manage_py_runs_bare_in_a_checkout_with_the_development_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\nSECRET_KEY=a-generated-development-key\n")
    manage = [str(ROOT / "manage.py"), "check"]

    without = start_django(manage)
    bare = start_django(manage, DSI_ENV_FILE=str(env_file))

    assert without.returncode != 0
    assert "SECRET_KEY must be set" in without.stderr
    assert bare.returncode == 0, bare.stderr
    assert "no issues" in bare.stdout


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\n")

    result = start_django(DSI_ENV_FILE=str(env_file), DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_with_the_development_key():
    result = start_django(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_key():
    result = start_django(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="portail.example.org")

    assert result.returncode == 0, result.stderr


def test_a_malformed_setting_is_named_at_start_up():
    result = start_django(DEBUG="peut-être")

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_unknown_page_gets_the_styled_404(client, db):
    response = client.get("/nulle-part/")

    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in response.content.decode()


def test_a_server_error_gets_the_styled_500_without_details(client, db, settings):
    settings.ROOT_URLCONF = "tests.urls"
    client.raise_request_exception = False

    response = client.get("/en-panne/")

    content = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Une erreur s'est produite</h1>" in content
    assert "a bug in a view" not in content
    assert "Traceback" not in content


def test_an_unreachable_database_gets_the_styled_503_with_retry_after(client, db, settings):
    settings.ROOT_URLCONF = "tests.urls"
    client.raise_request_exception = False

    response = client.get("/base-en-panne/")

    content = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "<h1>Le portail est momentanément indisponible</h1>" in content
    assert "5432" not in content
    assert "OperationalError" not in content


def test_production_is_the_default():
    result = start_django()

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_admin_login_is_allauths_rate_limited_one(client, db):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response.url.startswith("/comptes/login/")


def test_anonymous_visitors_see_the_home_and_login_pages_only(client, partner, adoc):
    home = client.get("/")
    login = client.get("/comptes/login/")

    assert home.status_code == login.status_code == 200
    assert "Se connecter" in home.content.decode()
    for page in (home, login):
        assert "@example.org" not in page.content.decode()
        assert "Maison de la famille" not in page.content.decode()


@pytest.mark.django_db
def test_demo_refuses_to_load_when_debug_is_off():
    assert not settings.DEBUG
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo")


@pytest.mark.django_db
def test_demo_loads_a_territory_twice_without_duplicates():
    call_command("load_demo", "--force", stdout=io.StringIO())
    counts = [m.objects.count() for m in (Organisation, Person, Representation, Seat, User)]

    call_command("load_demo", "--force", stdout=io.StringIO())

    assert [m.objects.count() for m in (Organisation, Person, Representation, Seat, User)] == counts
    assert counts[0] >= 30
    expected = {
        "admin@example.org": Role.ADMIN,
        "adoc@example.org": Role.ADOC,
        "comite@example.org": Role.COUNCIL_MEMBER,
        "chantier@example.org": Role.CHANTIER_MEMBER,
        "delegue@example.org": Role.DELEGATE,
        "partenaire@example.org": Role.PARTNER,
    }
    for email, role in expected.items():
        user = User.objects.get(email=email)
        assert user.check_password("demo-charlevoix")
        assert role in roles_for(user)
    assert roles_for(User.objects.get(email="partenaire@example.org")) == {Role.PARTNER}


def read_catalogue(path):
    """Entries of a .po file as dicts of keyword → text (msgctxt, msgid, msgstr, msgstr[0]…)."""
    entries, entry, keyword = [], {}, None
    for line in [*path.read_text().splitlines(), ""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, keyword = {}, None
        elif line.startswith("#"):
            entry.setdefault("flags", "")
            entry["flags"] += line
        elif line.startswith('"'):
            entry[keyword] += ast.literal_eval(line)
        else:
            keyword, _, text = line.partition(" ")
            entry[keyword] = ast.literal_eval(text)
    return [e for e in entries if e.get("msgid")]  # without the header


FRENCH = ROOT / "locale/fr/LC_MESSAGES"


def test_french_catalogue_translates_every_string():
    entries = read_catalogue(FRENCH / "django.po")

    untranslated = [
        e["msgid"] for e in entries if not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", "")]

    assert len(entries) > 250
    assert untranslated == []
    assert fuzzy == []


def test_compiled_french_catalogue_matches_the_po_file():
    with (FRENCH / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog

    for entry in read_catalogue(FRENCH / "django.po"):
        key = entry["msgid"]
        if "msgctxt" in entry:
            key = f"{entry['msgctxt']}\x04{key}"
        if "msgstr" in entry:
            assert compiled.get(key) == entry["msgstr"], "run `make messages`"
        else:
            assert compiled.get((key, 1)) == entry["msgstr[1]"], "run `make messages`"


def test_a_form_without_its_csrf_token_gets_a_styled_explanation(adoc):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(adoc)

    response = client.post("/repertoire/organisations/nouvelle/", {"name": "X"})

    assert response.status_code == 403
    assert "<h1>Formulaire expiré</h1>" in response.content.decode()
