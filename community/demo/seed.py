"""`seed_demo`'s community step: citizens and responders first, then each
area's data, every area idempotent on its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TextIO

from django.utils import timezone

from community.demo.accounts import seed_citizens
from community.demo.feedback import seed_feedback
from community.demo.forum import seed_forum
from community.demo.meetings import seed_meetings
from community.demo.survey import seed_survey
from community.models import Feedback, Meeting, Post, SurveyResponse
from sawahlunto_asn.accounts.models import User

# The responder login `make run` prints: the civil registry office answers most.
DEMO_RESPONDER = "petugas-dukcapil"


@dataclass(frozen=True)
class CommunitySummary:
    citizens: int
    feedback: int
    posts: int
    survey_responses: int
    meetings: int

    def line(self) -> str:
        return (
            f"community seeded: {self.citizens} citizens, {self.feedback:,} feedback, "
            f"{self.posts:,} forum posts, {self.survey_responses:,} survey answers, "
            f"{self.meetings} public meetings."
        )


def seed_community(
    stdout: TextIO | None = None, *, as_of: date | None = None
) -> CommunitySummary:
    as_of = as_of or timezone.localdate()
    citizens = seed_citizens()
    seed_feedback(citizens, as_of=as_of)
    seed_forum(citizens)
    seed_survey(citizens, as_of=as_of)
    seed_meetings(citizens, as_of=as_of)
    summary = CommunitySummary(
        citizens=len(citizens),
        feedback=Feedback.objects.count(),
        posts=Post.objects.count(),
        survey_responses=SurveyResponse.objects.count(),
        meetings=Meeting.objects.count(),
    )
    if stdout is not None:
        stdout.write(summary.line()[0].upper() + summary.line()[1:])
    return summary


def demo_responder() -> User | None:
    return User.objects.filter(username=DEMO_RESPONDER).first()
