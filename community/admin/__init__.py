"""Admin registrations, one module per area."""

from community.admin import (  # noqa: F401
    accounts,
    feedback,
    forum,
    meetings,
    survey,
)
