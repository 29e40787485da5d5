"""`make backup` then `make restore` into a fresh database finds every row and every file."""

import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from backups.archive import table_counts
from elections.models import Ballot, BallotChoice, Participation
from governance.models import Organisation
from meetings.models import Document
from tests.factories import MeetingFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def territory_with_a_file(transactional_db, settings, tmp_path):
    """The demo territory (its elections have ballots) and one uploaded document, committed."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--force", verbosity=0, stdout=io.StringIO())
    meeting = MeetingFactory()
    agent = User.objects.get(email="adoc@example.org")
    document = Document(meeting=meeting, title="Procès-verbal signé", size=8, uploaded_by=agent)
    document.file.save("pv.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return document


def restore_in_a_fresh_process(archive, database_url, media_root):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(DEBUG="true", DATABASE_URL=database_url, MEDIA_ROOT=str(media_root))
    return subprocess.run(
        [sys.executable, "manage.py", "restore", "--yes", str(archive)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def rows_of_every_table(cursor, tables):
    """Each table's rows, in a stable order, as the database prints them."""
    contents = {}
    for table in tables:
        if connection.vendor == "postgresql":  # the row as text: no driver settings involved
            cursor.execute(f'SELECT t::text FROM "{table}" AS t')
        else:
            cursor.execute(f'SELECT * FROM "{table}"')
        contents[table] = sorted(repr(row) for row in cursor.fetchall())
    return contents


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the engine under test, as a URL; dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}", None
        return
    import psycopg

    name = f"{connection.settings_dict['NAME']}_restored"
    settings_dict = connection.settings_dict
    server = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    url = f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    try:
        yield url, lambda: psycopg.connect(dbname=name, **server)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_a_fresh_database_finds_every_row_and_file(
    territory_with_a_file, fresh_database, tmp_path
):
    url, connect = fresh_database
    saved = table_counts()
    call_command("backup", dir=str(tmp_path / "backups"), stdout=io.StringIO())
    (archive,) = (tmp_path / "backups").glob("dsi-portal-*.tar")

    result = restore_in_a_fresh_process(archive, url, tmp_path / "restored-media")

    assert result.returncode == 0, result.stderr
    assert "toutes retrouvées" in result.stdout
    # What a lost record would show: ballots, the votes' participation, history rows.
    assert Ballot.objects.count() > 0
    assert saved[Ballot._meta.db_table] == Ballot.objects.count()
    assert saved[BallotChoice._meta.db_table] > 0
    assert saved[Participation._meta.db_table] > 0
    assert saved[Organisation.history.model._meta.db_table] > 0
    with connection.cursor() as cursor:
        before = rows_of_every_table(cursor, saved)
    if connect is None:
        # Read with the column types Django's own SQLite connections decode.
        restored_connection = sqlite3.connect(
            url.removeprefix("sqlite:///"),
            detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES,
        )
        after = rows_of_every_table(restored_connection.cursor(), saved)
        restored_connection.close()
    else:
        with connect() as restored_connection, restored_connection.cursor() as cursor:
            after = rows_of_every_table(cursor, saved)
    assert after == before
    document = territory_with_a_file
    restored_file = tmp_path / "restored-media" / document.file.name
    assert restored_file.read_bytes() == b"%PDF-1.4"


def test_an_archive_that_is_not_a_backup_is_refused(db, tmp_path):
    archive = tmp_path / "autre.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(__file__, arcname="notes.py")

    with pytest.raises(CommandError, match="is not a portal backup"):
        call_command("restore", str(archive), yes=True)


def test_a_backup_is_readable_by_its_owner_only_and_kept_outside_the_source(
    territory_with_a_file, tmp_path, settings
):
    settings.BACKUP_DIR = str(tmp_path / "sauvegardes")
    out = io.StringIO()

    call_command("backup", stdout=out)

    (archive,) = (tmp_path / "sauvegardes").glob("dsi-portal-*.tar")
    assert archive.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "sauvegardes").stat().st_mode & 0o777 == 0o700
    assert "lignes dans" in out.getvalue()  # in the operator's language


def test_backups_go_outside_the_source_tree_by_default(settings):
    folder = Path(settings.BACKUP_DIR).resolve()

    assert not folder.is_relative_to(Path(settings.BASE_DIR).resolve())


def test_the_restore_prompt_is_in_the_operators_language(
    territory_with_a_file, tmp_path, monkeypatch
):
    call_command("backup", dir=str(tmp_path), stdout=io.StringIO())
    (archive,) = tmp_path.glob("dsi-portal-*.tar")
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "non")

    with pytest.raises(CommandError, match="Rien n’a été restauré"):
        call_command("restore", str(archive), stdout=io.StringIO())

    assert asked[0].startswith("Remplacer les données de ce portail")
