"""One backup = one tar file: the database, the uploaded files and a manifest of row counts.

PostgreSQL is dumped with pg_dump (custom format) and restored with pg_restore; an SQLite
database is copied with SQLite's own online backup. Uploaded files are read and written through
Django's storage API, so that the same archive works with a folder or with object storage.
After a restore, every table's row count is compared with the manifest: a restore that lost a
record, a history row or a ballot says so and fails.
"""

import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
MEDIA = PurePosixPath("media")


class BackupError(Exception):
    """What went wrong, in words an operator can act on."""


def table_counts(cursor=None):
    """Rows per table of every model: history, ballots and many-to-many tables included.

    The cache table is left out: it holds nothing that cannot be rebuilt. Counted through the
    given cursor (a snapshot's, or an SQLite copy's) or the default connection."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    counts = {}
    existing = set(connection.introspection.table_names())
    if tables - existing:
        raise BackupError(
            f"Tables missing in the database ({', '.join(sorted(tables - existing)[:5])}…): "
            "run `manage.py migrate` first."
        )
    if cursor is None:
        with connection.cursor() as cursor:
            return table_counts(cursor)
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _postgres_environment(settings_dict):
    """libpq's variables, so that no password appears on a command line."""
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    return environment


def _run(command, environment):
    try:
        subprocess.run(command, env=environment, check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).") from None
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from None


def _storage_files(folder=""):
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:  # no file was ever uploaded
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _storage_files(f"{folder}/{directory}" if folder else directory)


def _add_bytes(archive, name, data):
    member = tarfile.TarInfo(str(name))
    member.size = len(data)
    member.mtime = int(timezone.now().timestamp())
    archive.addfile(member, io.BytesIO(data))


def create(destination_folder):
    """Write a backup into the folder and return its path. The archive holds personal
    information: it is readable by the portal's own user only (0600, in a 0700 folder when
    this makes the folder)."""
    destination_folder = Path(destination_folder)
    destination_folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    path = destination_folder / f"dsi-portal-{stamp}.tar"
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "engine": connection.vendor,
        "tables": {},
        "media": [],
    }
    # Written under another name and renamed at the end: a failed backup leaves no archive
    # that looks complete.
    partial = path.with_suffix(".partial")
    # Made empty with its mode first: the data never sits in a file others may read.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        _write(partial, manifest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(path)
    return path, manifest


def _write(path, manifest):
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "w") as archive:
        if connection.vendor == "postgresql":
            # The counts and the dump see the same snapshot, so that the portal may keep
            # writing meanwhile without the manifest and the dump disagreeing.
            dump = Path(work) / POSTGRES_DUMP
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                manifest["tables"] = table_counts(cursor)
                _run(
                    [
                        "pg_dump",
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        f"--file={dump}",
                    ],
                    _postgres_environment(connection.settings_dict),
                )
            archive.add(dump, arcname=POSTGRES_DUMP)
        elif connection.vendor == "sqlite":
            # SQLite's online backup is a consistent copy; the counts are read from it.
            copy = Path(work) / SQLITE_COPY
            connection.ensure_connection()
            with sqlite3.connect(copy) as target:
                connection.connection.backup(target)
                manifest["tables"] = table_counts(target.cursor())
            target.close()
            archive.add(copy, arcname=SQLITE_COPY)
        else:
            raise BackupError(f"No backup for a {connection.vendor} database.")
        for name in sorted(_storage_files()):
            with default_storage.open(name, "rb") as handle:
                _add_bytes(archive, MEDIA / name, handle.read())
            manifest["media"].append(name)
        _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())


def read_manifest(path):
    try:
        with tarfile.open(path) as archive:
            return json.load(archive.extractfile(MANIFEST))
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{path} is not a portal backup: {error}") from None


def restore(path):
    """Put the archive's database and files in place, then check that nothing is missing."""
    manifest = read_manifest(path)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}.")
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"{path} holds a {manifest['engine']} database; "
            f"this portal runs on {connection.vendor}."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(path) as archive:
        archive.extractall(work, filter="data")
        if connection.vendor == "postgresql":
            connection.close()
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    f"--dbname={connection.settings_dict['NAME']}",
                    str(Path(work) / POSTGRES_DUMP),
                ],
                _postgres_environment(connection.settings_dict),
            )
        else:
            connection.ensure_connection()
            with sqlite3.connect(Path(work) / SQLITE_COPY) as source:
                source.backup(connection.connection)
            source.close()
        for name in manifest["media"]:
            if default_storage.exists(name):
                default_storage.delete(name)
            data = (Path(work) / MEDIA / name).read_bytes()
            saved = default_storage.save(name, ContentFile(data))
            if saved != name:
                raise BackupError(f"The file {name} was restored as {saved}.")
    found = table_counts()
    missing = {
        table: (count, found.get(table, 0))
        for table, count in manifest["tables"].items()
        if found.get(table, 0) != count
    }
    if missing:
        details = ", ".join(
            f"{t}: {want} saved, {got} restored" for t, (want, got) in missing.items()
        )
        raise BackupError(f"The restored database differs from the backup: {details}.")
    return manifest
