# The moved table takes governance's name, and the language may be left unchosen (empty:
# French then English). Rows keep the language they had: whoever saved the preferences page
# chose one.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0002_notificationpreferences'),
        ('meetings', '0003_notificationpreferences_to_governance'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='notificationpreferences',
            table=None,
        ),
        migrations.AlterField(
            model_name='notificationpreferences',
            name='language',
            field=models.CharField(blank=True, choices=[('', 'French then English'), ('fr-ca', 'French'), ('en', 'English')], default='', max_length=10, verbose_name='language of my emails'),
        ),
    ]
