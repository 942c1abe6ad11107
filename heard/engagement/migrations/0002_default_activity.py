from django.db import migrations

DEFAULT_SLUG = "share-your-experience"


def create_default_activity(apps, schema_editor):
    Activity = apps.get_model("engagement", "Activity")
    Activity.objects.get_or_create(
        slug=DEFAULT_SLUG,
        defaults={
            "title": "Share your experience",
            "purpose": (
                "Tell us what it is like to be in care, to leave care, to have children's services "
                "in your family's life, or to work in children's social care. What you tell us "
                "helps decide what needs to change."
            ),
            "audience": "Anyone with experience of children's social care",
            "kind": "open_share",
            "status": "open",
            "run_by": "Participation team",
            "outputs_go_to": "Children's services leadership team",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial")]
    operations = [migrations.RunPython(create_default_activity, migrations.RunPython.noop)]
