from __future__ import annotations

from django.core.exceptions import ValidationError


class CommunityError(ValidationError):
    """A refusal with a message for the citizen or the officer, in Indonesian."""
