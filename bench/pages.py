"""The pages the benchmark measures, each with the role that normally opens it.

Each issue that adds a page adds it here.
"""

from __future__ import annotations

from django.urls import reverse

from sawahlunto_asn.accounts.models import User


def pages_for(employees: int) -> list[tuple[str, User | None, str]]:
    hr = User.objects.get(username="bkpsdm")
    return [
        ("home (anonymous)", None, reverse("home")),
        ("login page (anonymous)", None, reverse("login")),
        ("healthz", None, reverse("healthz")),
        ("dashboard (HR)", hr, reverse("dashboard")),
    ]
