from django.db import migrations


def create_roles(apps, schema_editor):
    from sawahlunto_asn.accounts.services import ensure_roles

    ensure_roles(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
        ct_model=apps.get_model("contenttypes", "ContentType"),
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_review_roles")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
