"""Demo citizens and unit responders for `seed_demo` (issue 7, item 8)."""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from community.models import CitizenProfile, Responder
from positions.models import OrgUnit
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.demo import DEMO_PASSWORD
from sawahlunto_asn.accounts.models import User

# Display names as people pick them in Minang towns: calls of address with a
# first name, nicknames, hobbies; about one in ten is a full real-looking name.
CALLS = ("Uda", "Uni", "Mak", "Etek", "Angku", "Apak", "Mamak", "Bundo", "Bang", "Kak")
FIRST = (
    "Rizal", "Sari", "Ujang", "Yeni", "Pendi", "Rahmi", "Ajo", "Lena", "Dedi", "Ita",
    "Buyung", "Upiak", "Anto", "Wati", "Iwan", "Susi", "Roni", "Mega", "Ipul", "Nita",
)  # fmt: skip
NICKNAMES = (
    "Pecinta Sate Padang", "Anak Tambang", "Urang Kubang", "Warga Talawi",
    "Pejalan Kaki Lunto", "Ojek Silungkang", "Pedagang Pasar Remaja", "Guru Honorer",
    "Ibu PKK Santur", "Pemuda Kolok", "Penikmat Dendeng Batokok", "Petani Salak",
    "Sopir Angkot", "Mahasiswa Rantau", "Pensiunan Tambang", "Pengrajin Songket",
)  # fmt: skip
REAL_NAMES = (
    "Andi Saputra", "Rina Oktavia", "Fadli Rahman", "Nurhayati Syam", "Hendri Putra",
    "Yulia Fitri", "Zulfikar Amin", "Desi Ratnasari", "Ilham Maulana", "Sri Wahyuni",
)  # fmt: skip
# Staff who answer for their unit in public, shown with their full name.
RESPONDER_NAMES = (
    ("Afrizal", "Syahputra"), ("Melati", "Anggraini"), ("Rudi", "Hartono"),
    ("Yusnidar", "Rais"), ("Firman", "Hidayat"), ("Elvi", "Susanti"),
    ("Jefri", "Kurniawan"), ("Nofrita", "Sari"), ("Budiman", "Chaniago"),
    ("Lisa", "Marlina"), ("Arif", "Koto"), ("Ramadani", "Piliang"),
)  # fmt: skip
DEMO_CITIZEN_DISPLAY_NAME = "Uni Siti"


def display_name_for(number: int, rng: random.Random) -> str:
    if number % 10 == 0:
        return REAL_NAMES[(number // 10) % len(REAL_NAMES)]
    if number % 3 == 0:
        return f"{rng.choice(NICKNAMES)} {number % 97}"
    return f"{rng.choice(CALLS)} {rng.choice(FIRST)}"


@transaction.atomic
def seed_citizens(count: int = 300) -> list[User]:
    """Confirmed citizens warga001 ... with display names and no real name;
    running it again adds only the missing ones. Also gives the demo `warga`
    login a profile and one Responder per top-level unit."""
    rng = random.Random(7)
    now = timezone.now()
    password = make_password(DEMO_PASSWORD)  # one hash: hashing 300 times is slow
    usernames = [f"warga{n:03d}" for n in range(1, count + 1)]
    names = {name: display_name_for(n, rng) for n, name in enumerate(usernames, 1)}
    existing = set(
        User.objects.filter(username__in=usernames).values_list("username", flat=True)
    )
    User.objects.bulk_create(
        User(
            username=name,
            email=f"{name}@contoh.id",
            password=password,
            is_active=True,
            date_joined=now,
        )
        for name in usernames
        if name not in existing
    )
    citizens = list(User.objects.filter(username__in=usernames).order_by("username"))
    group = Group.objects.get(name=roles.CITIZEN.group)
    group.user_set.add(*citizens)
    _ensure_profiles({user: names[user.username] for user in citizens}, now)
    demo = User.objects.filter(username="warga").first()
    if demo is not None:
        _ensure_profiles({demo: DEMO_CITIZEN_DISPLAY_NAME}, now)
    seed_responders()
    return citizens


def seed_responders() -> list[Responder]:
    """One active Responder per top-level unit (the OPDs under the city root, or
    the roots themselves when there is no single root); none without units."""
    roots = list(OrgUnit.objects.filter(parent__isnull=True, is_active=True))
    units = list(
        OrgUnit.objects.filter(parent__in=roots, is_active=True).order_by("code")
        if len(roots) == 1
        else sorted(roots, key=lambda unit: unit.code)
    )
    if not units:
        return []
    password = make_password(DEMO_PASSWORD)
    employees = Group.objects.get(name=roles.EMPLOYEE.group)
    responders = []
    for i, unit in enumerate(units):
        first, last = RESPONDER_NAMES[i % len(RESPONDER_NAMES)]
        username = f"petugas-{unit.code.lower().replace('.', '-')}"[:150]
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@sawahluntokota.example",
                "password": password,
            },
        )
        employees.user_set.add(user)
        responder, _created = Responder.objects.get_or_create(
            user=user,
            defaults={"unit": unit, "title": "Petugas Layanan Pengaduan"},
        )
        responders.append(responder)
    return responders


def _ensure_profiles(display_names: dict[User, str], now) -> None:
    have = set(
        CitizenProfile.objects.filter(user__in=list(display_names)).values_list(
            "user_id", flat=True
        )
    )
    CitizenProfile.objects.bulk_create(
        CitizenProfile(user=user, display_name=name, email_confirmed_at=now)
        for user, name in display_names.items()
        if user.pk not in have
    )
