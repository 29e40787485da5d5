"""Number every meeting's agenda 1, 2, 3… (in its current order) before positions become
unique per meeting: earlier versions let two items share a place, or left gaps."""

from django.db import migrations


def renumber(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    meeting_ids = AgendaItem.objects.values_list("meeting_id", flat=True).distinct()
    for meeting_id in meeting_ids.order_by("meeting_id"):
        items = list(
            AgendaItem.objects.filter(meeting_id=meeting_id).order_by("position", "pk")
        )
        for number, item in enumerate(items, start=1):
            if item.position != number:
                AgendaItem.objects.filter(pk=item.pk).update(position=number)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_notificationpreferences_to_governance")]

    operations = [migrations.RunPython(renumber, migrations.RunPython.noop)]
