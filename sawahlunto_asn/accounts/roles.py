"""The five roles of the system, each a Django group holding one access permission.

A role check is a permission check (`user.has_perm(role.perm)`), so superusers
pass every check and later issues may grant a group extra model permissions
without touching this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    key: str
    group: str
    codename: str
    label: str

    @property
    def perm(self) -> str:
        return f"accounts.{self.codename}"


HR = Role("hr", "BKPSDM", "access_hr", _("Petugas BKPSDM"))
SUPERVISOR = Role("supervisor", "Atasan", "access_supervisor", _("Atasan"))
EMPLOYEE = Role("employee", "Pegawai", "access_employee", _("Pegawai"))
MODERATOR = Role("moderator", "Moderator", "access_moderation", _("Moderator"))
CITIZEN = Role("citizen", "Warga", "access_citizen", _("Warga"))
# The rotation workflow's two deciding bodies (PP 11/2017 Pasal 191).
REVIEWER = Role(
    "reviewer", "Tim Penilai Kinerja", "access_review", _("Tim Penilai Kinerja")
)
PPK = Role("ppk", "PPK", "access_ppk", _("Pejabat Pembina Kepegawaian (Wali Kota)"))

ALL_ROLES = (HR, SUPERVISOR, EMPLOYEE, MODERATOR, CITIZEN, REVIEWER, PPK)
BY_KEY = {role.key: role for role in ALL_ROLES}

# Kept in one place so the model's Meta and the data migration agree.
PERMISSIONS = (
    ("access_hr", "Mengakses fitur BKPSDM"),
    ("access_supervisor", "Mengakses fitur atasan"),
    ("access_employee", "Mengakses data pegawai sendiri"),
    ("access_moderation", "Memoderasi partisipasi publik"),
    ("access_citizen", "Mengirim aspirasi publik"),
    ("access_review", "Memberi rekomendasi usulan mutasi"),
    ("access_ppk", "Memutuskan usulan mutasi"),
)
