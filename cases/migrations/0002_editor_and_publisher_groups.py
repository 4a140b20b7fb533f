from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = {
    "cases": {
        "case": ["add", "change", "view"],
        "keyfigure": ["add", "change", "delete", "view"],
        "source": ["add", "change", "delete", "view"],
        "caseimage": ["add", "change", "delete", "view"],
        "province": ["view"],
        "pairing": ["view"],
        "theme": ["view"],
    },
}
# Everything an Editor can, plus publishing (publish, schedule, withdraw), deleting cases and recovering them.
PUBLISHER_EXTRA = {"cases": {"case": ["delete", "publish"]}}


def codename(action, model):
    return "publish_case" if action == "publish" else f"{action}_{model}"


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; this data migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(spec):
        found = []
        for app_label, models in spec.items():
            for model, actions in models.items():
                for action in actions:
                    found.append(
                        Permission.objects.get(content_type__app_label=app_label, codename=codename(action, model))
                    )
        return found

    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(permissions(EDITOR))
    publisher, _ = Group.objects.get_or_create(name="Publisher")
    publisher.permissions.set(permissions(EDITOR) + permissions(PUBLISHER_EXTRA))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Publisher"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
