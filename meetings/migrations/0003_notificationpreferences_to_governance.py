# NotificationPreferences now belongs to governance (see governance 0002): meetings forgets
# the model without touching its table or rows.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0002_notificationpreferences'),
        ('meetings', '0002_meeting_starts_idx'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='NotificationPreferences')],
            database_operations=[],
        ),
    ]
