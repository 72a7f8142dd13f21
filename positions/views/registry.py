from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import role_required


@role_required(roles.HR)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "positions/index.html")


@role_required(roles.EMPLOYEE)
def my_profile(request: HttpRequest) -> HttpResponse:
    return render(request, "positions/my_profile.html")
