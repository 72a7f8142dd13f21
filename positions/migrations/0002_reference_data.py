"""Ranks, education levels and retirement ages from domain.md sections 1.3, 2 and 9."""

from django.db import migrations

PNS_RANKS = [
    ("I/a", "Juru Muda"), ("I/b", "Juru Muda Tingkat I"), ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"), ("II/a", "Pengatur Muda"), ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"), ("II/d", "Pengatur Tingkat I"), ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"), ("III/c", "Penata"), ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"), ("IV/b", "Pembina Tingkat I"), ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"), ("IV/e", "Pembina Utama"),
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII"]
EDUCATION = [
    ("05", "SD"), ("10", "SLTP"), ("12", "SLTP Kejuruan"), ("15", "SLTA"),
    ("17", "SLTA Kejuruan"), ("18", "SLTA Keguruan"), ("20", "D-I"), ("25", "D-II"),
    ("30", "D-III"), ("35", "D-IV"), ("40", "S-1"), ("42", "Profesi"), ("45", "S-2"),
    ("47", "Spesialis"), ("49", "Subspesialis"), ("50", "S-3"),
]
# PP 11/2017 Pasal 239; UU 20/2023 for JPT. A blank level covers every level.
RETIREMENT = [
    ("JPT_UTAMA", "", 60), ("JPT_MADYA", "", 60), ("JPT_PRATAMA", "", 60),
    ("ADMINISTRATOR", "", 58), ("PENGAWAS", "", 58), ("PELAKSANA", "", 58),
    ("FUNGSIONAL", "AHLI_PERTAMA", 58), ("FUNGSIONAL", "AHLI_MUDA", 58),
    ("FUNGSIONAL", "AHLI_MADYA", 60), ("FUNGSIONAL", "AHLI_UTAMA", 65),
    ("FUNGSIONAL", "PEMULA", 58), ("FUNGSIONAL", "TERAMPIL", 58),
    ("FUNGSIONAL", "MAHIR", 58), ("FUNGSIONAL", "PENYELIA", 58),
]


def load(apps, schema_editor):
    Rank = apps.get_model("positions", "Rank")
    EducationLevel = apps.get_model("positions", "EducationLevel")
    RetirementRule = apps.get_model("positions", "RetirementRule")
    for ordinal, (grade, name) in enumerate(PNS_RANKS, start=1):
        code = grade.replace("/", "_").upper()
        Rank.objects.update_or_create(
            code=code, defaults={"scheme": "PNS", "grade": grade, "name": name, "ordinal": ordinal}
        )
    for ordinal, roman in enumerate(ROMAN, start=1):
        Rank.objects.update_or_create(
            code=f"PPPK_{roman}", defaults={"scheme": "PPPK", "grade": roman, "name": "", "ordinal": ordinal}
        )
    for ordinal, (code, name) in enumerate(EDUCATION, start=1):
        EducationLevel.objects.update_or_create(code=code, defaults={"name": name, "ordinal": ordinal})
    for kind, level, age in RETIREMENT:
        RetirementRule.objects.update_or_create(kind=kind, level=level, defaults={"age": age})


class Migration(migrations.Migration):
    dependencies = [("positions", "0001_registry")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
