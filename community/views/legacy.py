from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import role_required


@role_required(roles.MODERATOR)
def moderation(request: HttpRequest) -> HttpResponse:
    return render(request, "community/moderation.html")


@role_required(roles.CITIZEN)
def my_feedback(request: HttpRequest) -> HttpResponse:
    return render(request, "community/my_feedback.html")
