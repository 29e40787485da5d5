"""Rows the database itself refuses to change, whatever writes to it.

The workflow functions refuse a change with a message for the person; these triggers are the
second wall, for everything that bypasses them: a view that forgot to ask, the admin, a shell,
a script holding the database's address. A refused statement raises IntegrityError and changes
nothing. Three kinds of lock:

- `Frozen(model, when)`: once `when` holds for a row, its columns (but `allowed`) no longer
  change and it is not deleted;
- `FrozenWith(model, parent, when)`: rows that belong to a frozen parent (by the `parent`
  foreign key) are not added, changed, moved or deleted;
- `AppendOnly(model)`: rows are added, never changed nor deleted (history, corrections).

The triggers are dropped before every `migrate` and installed again after it (see `install`,
`drop_all`), not written by a migration: SQLite rebuilds a table to alter it, dropping its
triggers, and refuses to drop a column a trigger names; and the columns a `Frozen` lock
compares must follow the model. On SQLite each trigger also asks the function
`dsi_records_unlocked()`, which this module registers on the portal's own connections: it is
false except inside `maintenance()` (the `flush` command, which empties the whole database);
another program opening the file has no such function, so its writes to a locked table fail.
PostgreSQL's flush truncates, which fires no row trigger.
"""

import contextlib
import contextvars
from dataclasses import dataclass

from django.db import connection as default_connection
from django.db.backends.signals import connection_created

# The text of the refusal, which `is_lock_refusal` recognises in an IntegrityError.
REFUSAL = "dsi: locked record"

_unlocked = contextvars.ContextVar("dsi_records_unlocked", default=False)


@contextlib.contextmanager
def maintenance():
    """Let this process delete locked rows on SQLite (emptying the database): nothing else."""
    token = _unlocked.set(True)
    try:
        yield
    finally:
        _unlocked.reset(token)


def is_lock_refusal(error):
    return REFUSAL in str(error)


def _register_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "dsi_records_unlocked", 0, lambda: int(_unlocked.get()), deterministic=False
        )


def connect():
    connection_created.connect(_register_function, dispatch_uid="record-lock-function")
    # A connection opened before this app was ready (a management command's) gets it too.
    if default_connection.connection is not None:
        _register_function(None, default_connection)


@dataclass
class Frozen:
    model: type
    # An SQL condition on the row, written with {row} for its alias: "{row}.adopted_at IS NOT NULL".
    when: str
    allowed: tuple = ()
    # Further refusals of an UPDATE, in SQL on OLD and NEW (for a column that may change only once).
    refuse_update: str = ""

    def tables(self):
        return {self.model._meta.db_table}

    def statements(self, vendor):
        table = self.model._meta.db_table
        columns = [f.column for f in self.model._meta.concrete_fields if f.name not in self.allowed]
        changed = " OR ".join(_differs(vendor, column) for column in columns)
        if self.refuse_update:
            changed = f"{changed} OR ({self.refuse_update})"
        old = self.when.format(row="OLD")
        return triggers(
            vendor,
            table,
            f"frozen_{table}",
            update=f"({old}) AND ({changed})",
            delete=old,
        )


@dataclass
class FrozenWith:
    model: type
    parent: str  # the foreign key's field name
    when: str  # as Frozen.when, on the parent's row

    def tables(self):
        related = self.model._meta.get_field(self.parent).related_model
        return {self.model._meta.db_table, related._meta.db_table}

    def statements(self, vendor):
        table = self.model._meta.db_table
        key = self.model._meta.get_field(self.parent)
        parent_table = key.related_model._meta.db_table
        parent_pk = key.related_model._meta.pk.column

        def parent_is_frozen(row):
            condition = self.when.format(row="p")
            return (
                f'EXISTS (SELECT 1 FROM "{parent_table}" p '
                f'WHERE p."{parent_pk}" = {row}."{key.column}" AND ({condition}))'
            )

        changed = " OR ".join(_differs(vendor, f.column) for f in self.model._meta.concrete_fields)
        return triggers(
            vendor,
            table,
            f"frozen_with_{table}",
            insert=parent_is_frozen("NEW"),
            update=f"({parent_is_frozen('OLD')} OR {parent_is_frozen('NEW')}) AND ({changed})",
            delete=parent_is_frozen("OLD"),
        )


@dataclass
class AppendOnly:
    model: type

    def tables(self):
        return {self.model._meta.db_table}

    def statements(self, vendor):
        table = self.model._meta.db_table
        return triggers(vendor, table, f"append_only_{table}", update="1 = 1", delete="1 = 1")


def _differs(vendor, column):
    if vendor == "postgresql":
        return f'NEW."{column}" IS DISTINCT FROM OLD."{column}"'
    return f'NEW."{column}" IS NOT OLD."{column}"'


def triggers(vendor, table, name, *, insert=None, update=None, delete=None):
    """The statements that drop then create the triggers refusing each event whose condition
    (SQL on OLD/NEW) holds."""
    events = {"INSERT": insert, "UPDATE": update, "DELETE": delete}
    if vendor == "postgresql":
        function = f"{name}_refuse"
        checks = []
        for event, condition in events.items():
            if condition is None:
                continue
            checks.append(
                f"IF TG_OP = '{event}' AND ({condition}) THEN "
                f"RAISE EXCEPTION '{REFUSAL} (%)', TG_TABLE_NAME "
                f"USING ERRCODE = 'restrict_violation'; END IF;"
            )
        returned = "COALESCE(NEW, OLD)"
        on = " OR ".join(event for event, condition in events.items() if condition is not None)
        return [
            f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"',
            f'CREATE OR REPLACE FUNCTION "{function}"() RETURNS trigger LANGUAGE plpgsql AS $$ '
            f"BEGIN {' '.join(checks)} RETURN {returned}; END $$",
            f'CREATE TRIGGER "{name}" BEFORE {on} ON "{table}" '
            f'FOR EACH ROW EXECUTE FUNCTION "{function}"()',
        ]
    statements = []
    for event, condition in events.items():
        trigger = f"{name}_{event.lower()}"
        statements.append(f'DROP TRIGGER IF EXISTS "{trigger}"')
        if condition is None:
            continue
        statements.append(
            f'CREATE TRIGGER "{trigger}" BEFORE {event} ON "{table}" FOR EACH ROW '
            f"WHEN ({condition}) AND NOT dsi_records_unlocked() "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL} ({table})'); END"
        )
    return statements


def install(locks, using="default"):
    """Create (or recreate) the triggers of `locks` in the database."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    with connection.cursor() as cursor:
        # A partial migrate (`migrate sessions` on an empty database) has not made every table.
        tables = set(connection.introspection.table_names(cursor))
        for lock in locks:
            if not lock.tables() <= tables:
                continue
            for statement in lock.statements(connection.vendor):
                cursor.execute(statement)


def drop_all(connection):
    """Drop every lock's triggers. `migrate` does it before it starts (SQLite refuses to drop a
    column a trigger names, and a data migration may fill a new column of locked rows with the
    best knowledge of what they were), and installs them again when it ends."""
    prefixes = ("frozen_", "append_only_")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal"
            )
            for trigger, table in cursor.fetchall():
                if trigger.startswith(prefixes):
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{trigger}" ON "{table}"')
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            for (trigger,) in cursor.fetchall():
                if trigger.startswith(prefixes):
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
