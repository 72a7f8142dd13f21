"""Views of the position registry, split by topic; every view is importable from here."""

from positions.views.registry import index, my_profile

__all__ = ["index", "my_profile"]
