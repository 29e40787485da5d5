# NotificationPreferences moves from meetings to governance, beside Person, so that every app
# can read a person's email language. Its table and rows stay where they are: this migration
# only tells Django's state that governance now owns the table meetings created (hence the
# dependency on meetings, which created it); meetings 0003 forgets it, and 0003 here renames
# the table.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0001_initial'),
        ('meetings', '0002_meeting_starts_idx'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='NotificationPreferences',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('convocations', models.CharField(choices=[('immediate', 'Right away'), ('weekly', 'In a weekly digest')], default='immediate', max_length=20, verbose_name='convocations')),
                        ('records', models.CharField(choices=[('immediate', 'Right away'), ('weekly', 'In a weekly digest')], default='weekly', max_length=20, verbose_name='newly published records')),
                        ('decisions', models.CharField(choices=[('immediate', 'Right away'), ('weekly', 'In a weekly digest')], default='weekly', max_length=20, verbose_name='decisions')),
                        ('language', models.CharField(choices=[('fr-ca', 'French'), ('en', 'English')], default='fr-ca', max_length=10, verbose_name='language of my emails')),
                        ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preferences', to='governance.person', verbose_name='person')),
                    ],
                    options={
                        'verbose_name': 'email preferences',
                        'verbose_name_plural': 'email preferences',
                        'db_table': 'meetings_notificationpreferences',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
