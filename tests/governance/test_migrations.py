"""The email preferences moved from meetings to governance with their rows."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from elections.locks import install_locks as install_ballot_locks
from meetings.locks import drop_locks, install_locks

BEFORE = [("governance", "0001_initial"), ("meetings", "0002_meeting_starts_idx")]


@pytest.fixture
def locks_put_back():
    """`migrate` drops the record locks' triggers before it migrates and puts them back
    after; so does this test, which runs the migrations itself."""
    drop_locks()
    yield
    install_locks()
    install_ballot_locks()


@pytest.mark.django_db(transaction=True)
def test_the_preferences_keep_their_rows_when_they_move_to_governance(locks_put_back):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Person = old.get_model("governance", "Person")
    OldPreferences = old.get_model("meetings", "NotificationPreferences")
    english = Person.objects.create(first_name="Sam", last_name="Tremblay", email="s@example.org")
    french = Person.objects.create(first_name="Lou", last_name="Gagnon", email="l@example.org")
    OldPreferences.objects.create(person=english, language="en", records="immediate")
    OldPreferences.objects.create(person=french, language="fr-ca", convocations="weekly")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    Preferences = new.get_model("governance", "NotificationPreferences")

    assert Preferences._meta.db_table == "governance_notificationpreferences"
    assert set(Preferences.objects.values_list("person__email", "language", "records")) == {
        ("s@example.org", "en", "immediate"),
        ("l@example.org", "fr-ca", "weekly"),
    }
    assert "meetings_notificationpreferences" not in connection.introspection.table_names()
