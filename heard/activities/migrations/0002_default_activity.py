from django.db import migrations

from heard.activities.defaults import ensure_default_activity


def create_default_activity(apps, schema_editor):
    ensure_default_activity(apps.get_model("engagement", "Activity"))


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial")]
    operations = [migrations.RunPython(create_default_activity, migrations.RunPython.noop)]
