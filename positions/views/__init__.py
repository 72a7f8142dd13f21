"""Views of the position registry, split by topic; every view is importable from here."""

from positions.views.imports import (
    import_commit,
    import_preview,
    import_template,
    import_upload,
)
from positions.views.registry import (
    education_create,
    employee_create,
    employee_detail,
    employee_list,
    employee_update,
    index,
    my_profile,
    placement_create,
    placement_end,
    position_create,
    position_map,
    position_update,
    rank_create,
    rotation_watch,
    unit_create,
    unit_update,
)
from positions.views.reports import report_bezetting, report_duk, report_nominatif

__all__ = [
    "education_create",
    "employee_create",
    "employee_detail",
    "employee_list",
    "employee_update",
    "import_commit",
    "import_preview",
    "import_template",
    "import_upload",
    "index",
    "my_profile",
    "placement_create",
    "placement_end",
    "position_create",
    "position_map",
    "position_update",
    "rank_create",
    "report_bezetting",
    "report_duk",
    "report_nominatif",
    "rotation_watch",
    "unit_create",
    "unit_update",
]
