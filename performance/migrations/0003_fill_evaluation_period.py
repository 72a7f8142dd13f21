from django.db import migrations


def fill(apps, schema_editor):
    """Copy each evaluation's period from its SKP (an SKP never changes period), in
    the table and in its audit history."""
    Skp = apps.get_model("performance", "Skp")
    with schema_editor.connection.cursor() as cursor:
        for name in ("Evaluation", "EvaluationEvent"):
            table = apps.get_model("performance", name)._meta.db_table
            cursor.execute(
                f"UPDATE {table} e SET period_id = s.period_id "
                f"FROM {Skp._meta.db_table} s "
                "WHERE s.id = e.skp_id AND e.period_id IS NULL"
            )


class Migration(migrations.Migration):
    dependencies = [("performance", "0002_evaluation_period")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
