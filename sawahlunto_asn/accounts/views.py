from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sawahlunto_asn.accounts.forms import CitizenSignupForm
from sawahlunto_asn.accounts.services import register_citizen


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = CitizenSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = register_citizen(form)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Akun warga Anda sudah dibuat. Selamat datang!"))
        return redirect("dashboard")
    return render(request, "accounts/signup.html", {"form": form})
