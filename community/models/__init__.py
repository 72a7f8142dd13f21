"""Public participation (issue 7): one module per area, each owned separately.

accounts: citizen profiles and official responder badges; feedback: aspirasi and
pengaduan with their workflow; forum: topics, threads, posts, reports and
moderation; survey: the SKM questionnaire; meetings: forum diskusi publik and
their commitments.
"""

from community.models.accounts import *  # noqa: F403
from community.models.feedback import *  # noqa: F403
from community.models.forum import *  # noqa: F403
from community.models.meetings import *  # noqa: F403
from community.models.survey import *  # noqa: F403
