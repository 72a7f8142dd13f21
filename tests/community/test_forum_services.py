"""Forum rules: masking, review of posts naming civil servants, nesting, the
edit window, reports and their threshold, moderator acts and suspension."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.errors import CommunityError
from community.models import (
    CitizenProfile,
    ModerationLog,
    Post,
    PostStatus,
    Report,
    Thread,
)
from community.services import forum as services
from tests.community.factories_accounts import CitizenFactory
from tests.community.factories_forum import (
    PostFactory,
    ReportFactory,
    ThreadFactory,
    TopicFactory,
)
from tests.positions.factories import EmployeeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("role_groups")]


def refused(match: str):
    return pytest.raises(CommunityError, match=match)


def public_ids():
    return set(Post.objects.public().values_list("pk", flat=True))


# ---------------------------------------------------------------- writing


def test_a_thread_is_masked_rendered_and_public():
    author = CitizenFactory()
    thread = services.create_thread(
        author,
        TopicFactory(),
        "Antrean KTP, hubungi 0812-3456-7890",
        "NIK saya 3273012345670001, surel budi@gmail.com. **Mohon** dibantu.",
    )

    opening = thread.posts.get()
    assert thread.status == PostStatus.PUBLISHED
    assert "0812" not in thread.title
    assert "[nomor telepon disamarkan]" in thread.title
    assert "3273012345670001" not in opening.body_markdown
    assert "budi@gmail.com" not in opening.body_markdown + opening.body_html
    assert "<strong>Mohon</strong>" in opening.body_html
    assert opening.pk in public_ids()


def test_a_post_naming_a_civil_servant_waits_for_review():
    EmployeeFactory(name="Budi Santoso")
    thread = ThreadFactory()

    post = services.create_reply(
        CitizenFactory(), thread, "Pak budi santoso di loket 3 sering tidak ada."
    )

    assert post.status == PostStatus.PENDING
    assert "Budi Santoso" in post.review_reason
    assert post.pk not in public_ids()
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_a_thread_naming_a_civil_servant_by_nip_waits_for_review():
    employee = EmployeeFactory(name="Rudi Hartono")

    thread = services.create_thread(
        CitizenFactory(), TopicFactory(), "Soal pegawai", f"NIP {employee.nip} absen."
    )

    assert thread.status == PostStatus.PENDING
    assert employee.nip not in thread.posts.get().body_markdown
    assert not Thread.objects.public().filter(pk=thread.pk).exists()


def test_nesting_stops_at_three_levels():
    thread = ThreadFactory()
    author = CitizenFactory()
    first = services.create_reply(author, thread, "satu")
    second = services.create_reply(author, thread, "dua", parent=first)
    third = services.create_reply(author, thread, "tiga", parent=second)

    assert (first.depth, second.depth, third.depth) == (1, 2, 3)
    assert third.root_id == first.pk
    with refused("paling dalam 3 tingkat"):
        services.create_reply(author, thread, "empat", parent=third)
    assert thread.posts.count() == 4


def test_the_database_refuses_a_fourth_level():
    third = PostFactory(parent=PostFactory(parent=PostFactory()))
    with pytest.raises(IntegrityError), transaction.atomic():
        PostFactory(parent=third)


def test_a_reply_to_the_opening_post_is_a_top_level_reply():
    thread = ThreadFactory()
    opening = thread.posts.get(depth=0)

    post = services.create_reply(CitizenFactory(), thread, "ya", parent=opening)

    assert (post.depth, post.parent_id) == (1, None)


def test_a_suspended_account_cannot_post_and_sees_the_reason(moderator):
    author = CitizenFactory()
    services.suspend_account(moderator, author, "Berulang kali menghina petugas.")

    with refused("Berulang kali menghina petugas"):
        services.create_thread(author, TopicFactory(), "Judul", "Isi")
    with refused("ditangguhkan"):
        services.create_reply(author, ThreadFactory(), "Isi")
    assert not Post.objects.filter(author=author).exists()


def test_unsuspended_account_posts_again(moderator):
    author = CitizenFactory()
    services.suspend_account(moderator, author, "Spam.")
    services.unsuspend_account(moderator, author, "Sudah berjanji.")

    services.create_reply(author, ThreadFactory(), "Terima kasih.")

    profile = CitizenProfile.objects.get(user=author)
    assert profile.suspended_at is None
    assert list(
        ModerationLog.objects.filter(target_kind="user", target_id=author.pk)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    ) == ["SUSPEND", "UNSUSPEND"]


def test_suspension_creates_a_missing_profile(moderator, employee):
    services.suspend_account(moderator, employee, "Iklan.")

    assert CitizenProfile.objects.get(user=employee).is_suspended


def test_suspension_needs_a_reason_and_a_moderator(moderator, citizen):
    with refused("wajib disertai alasan"):
        services.suspend_account(moderator, citizen, "  ")
    with refused("Hanya moderator"):
        services.suspend_account(citizen, CitizenFactory(), "Spam")
    assert not ModerationLog.objects.exists()


# ---------------------------------------------------------------- editing


def test_the_author_edits_within_the_window():
    author = CitizenFactory()
    post = services.create_reply(author, ThreadFactory(), "awal")

    services.edit_post(author, post, "sunting, telp 081234567890")

    post.refresh_from_db()
    assert post.body_markdown == "sunting, telp [nomor telepon disamarkan]"
    assert post.edited_at is not None


def test_nobody_else_edits_a_post(moderator):
    post = services.create_reply(CitizenFactory(), ThreadFactory(), "awal")

    with refused("tulisan Anda sendiri"):
        services.edit_post(CitizenFactory(), post, "ganti")
    post.refresh_from_db()
    assert post.body_markdown == "awal"


def test_the_edit_window_closes(settings):
    settings.COMMUNITY_FORUM_EDIT_MINUTES = 30
    author = CitizenFactory()
    post = services.create_reply(author, ThreadFactory(), "awal")
    Post.objects.filter(pk=post.pk).update(
        created=timezone.now() - timedelta(minutes=31)
    )

    with refused(r"\(30 menit\) sudah lewat"):
        services.edit_post(author, post, "ganti")


def test_an_edit_naming_a_civil_servant_goes_back_to_review():
    EmployeeFactory(name="Siti Rahmawati")
    author = CitizenFactory()
    post = services.create_reply(author, ThreadFactory(), "awal")

    services.edit_post(author, post, "Bu Siti Rahmawati lambat.")

    post.refresh_from_db()
    assert post.status == PostStatus.PENDING
    assert post.pk not in public_ids()


def test_a_hidden_post_cannot_be_edited_by_its_author(moderator):
    author = CitizenFactory()
    post = services.create_reply(author, ThreadFactory(), "awal")
    services.hide_post(moderator, post, "Kasar")

    with refused("disembunyikan moderator"):
        services.edit_post(author, post, "ganti")


# ---------------------------------------------------------------- reports


def test_reports_from_three_accounts_hide_the_post(settings):
    settings.COMMUNITY_REPORT_HIDE_THRESHOLD = 3
    post = PostFactory()
    for reporter in CitizenFactory.create_batch(2):
        services.report_post(reporter, post, "SPAM")
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert post.open_reports == 2

    services.report_post(CitizenFactory(), post, "ABUSE")

    post.refresh_from_db()
    assert post.status == PostStatus.PENDING
    assert post.pk not in public_ids()
    log = ModerationLog.objects.get()
    assert (log.action, log.moderator, log.target_id) == ("AUTO_HIDE", None, post.pk)


def test_the_threshold_is_a_setting(settings):
    settings.COMMUNITY_REPORT_HIDE_THRESHOLD = 1
    post = PostFactory()

    services.report_post(CitizenFactory(), post, "SPAM")

    post.refresh_from_db()
    assert post.status == PostStatus.PENDING


def test_a_post_is_reported_once_per_account():
    post = PostFactory()
    reporter = CitizenFactory()
    services.report_post(reporter, post, "SPAM")

    with refused("sudah melaporkan"):
        services.report_post(reporter, post, "ABUSE")
    assert Report.objects.filter(post=post).count() == 1


def test_the_database_refuses_a_second_report_by_the_same_account():
    report = ReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(post=report.post, reporter=report.reporter, reason="SPAM")


def test_own_posts_cannot_be_reported():
    post = PostFactory()
    with refused("tulisan Anda sendiri"):
        services.report_post(post.author, post, "SPAM")


def test_reporting_the_opening_post_past_the_threshold_hides_the_thread(settings):
    settings.COMMUNITY_REPORT_HIDE_THRESHOLD = 2
    thread = ThreadFactory()
    opening = thread.posts.get()

    for reporter in CitizenFactory.create_batch(2):
        services.report_post(reporter, opening, "OFF_TOPIC")

    assert not Thread.objects.public().filter(pk=thread.pk).exists()


# ---------------------------------------------------------------- moderators


def test_moderator_hide_restore_and_approve_are_logged(moderator):
    post = PostFactory()
    ReportFactory(post=post)
    Post.objects.filter(pk=post.pk).update(open_reports=1)

    services.hide_post(moderator, post, "Menghina petugas")
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    assert post.open_reports == 0
    assert Report.objects.get(post=post).resolved_at is not None

    services.restore_post(moderator, post, "Laporan tidak terbukti")
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED

    logs = list(
        ModerationLog.objects.order_by("at", "pk").values_list(
            "moderator", "action", "target_kind", "target_id", "reason"
        )
    )
    assert logs == [
        (moderator.pk, "HIDE", "post", post.pk, "Menghina petugas"),
        (moderator.pk, "RESTORE", "post", post.pk, "Laporan tidak terbukti"),
    ]


def test_approving_a_pending_post_publishes_it(moderator):
    EmployeeFactory(name="Budi Santoso")
    thread = ThreadFactory()
    post = services.create_reply(CitizenFactory(), thread, "Terima kasih Budi Santoso!")

    services.approve_post(moderator, post)

    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert thread.reply_count == 1
    assert ModerationLog.objects.get().action == "APPROVE"


def test_moderator_edit_records_before_and_after(moderator):
    post = PostFactory(body_markdown="Petugasnya bodoh sekali")

    services.moderator_edit_post(
        moderator, post, "Petugasnya [dihapus] sekali", "Kasar"
    )

    post.refresh_from_db()
    log = ModerationLog.objects.get()
    assert post.body_markdown == "Petugasnya [dihapus] sekali"
    assert (log.action, log.before_text, log.after_text) == (
        "EDIT",
        "Petugasnya bodoh sekali",
        "Petugasnya [dihapus] sekali",
    )


def test_moderator_acts_need_a_reason_and_the_role(moderator, citizen):
    post = PostFactory()
    with refused("wajib disertai alasan"):
        services.hide_post(moderator, post, "")
    with refused("Hanya moderator"):
        services.hide_post(citizen, post, "spam")
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert not ModerationLog.objects.exists()


def test_log_moderation_serves_other_areas(moderator):
    with transaction.atomic():
        entry = services.log_moderation(
            moderator=moderator,
            action="VERIFY",
            target_kind="feedback",
            target_id=42,
            reason="Lengkap",
        )
    assert entry.get_target_kind_display() == "Aspirasi/pengaduan"


def test_the_database_refuses_a_log_without_reason(moderator):
    with pytest.raises(IntegrityError), transaction.atomic():
        ModerationLog.objects.create(
            moderator=moderator,
            action="HIDE",
            target_kind="post",
            target_id=1,
            reason="",
        )


# ---------------------------------------------------------------- search


def test_search_finds_public_posts_ranked_and_skips_hidden(moderator):
    thread = ThreadFactory(title="Jalan rusak di Talawi", body="Mohon diperbaiki.")
    reply = PostFactory(thread=thread, body_markdown="Jalan rusak parah sejak hujan.")
    hidden = PostFactory(thread=thread, body_markdown="Jalan rusak, pejabat korup!")
    services.hide_post(moderator, hidden, "Tuduhan tanpa dasar")

    found = list(
        Post.objects.public().search("jalan rusak").values_list("pk", flat=True)
    )

    assert found[0] == thread.posts.get(depth=0).pk  # the title weighs more
    assert reply.pk in found
    assert hidden.pk not in found


def test_rebuild_search_index_restores_vectors():
    thread = ThreadFactory(title="Air bersih", body="Debit kecil.")
    Post.objects.update(search_vector=None)

    assert services.rebuild_search_index() == 1
    assert Post.objects.public().search("air").get().thread == thread


# ---------------------------------------------------------------- personal data


def test_personal_data_and_erasure():
    author = CitizenFactory()
    post = services.create_reply(author, ThreadFactory(), "Isi saya")
    services.report_post(author, PostFactory(), "SPAM", note="nama saya Ani")

    data = services.personal_data(author)

    assert [d["jenis"] for d in data] == ["tulisan forum", "laporan tulisan"]
    services.erase_personal_data(author)
    assert Report.objects.get(reporter=author).note == ""
    assert Post.objects.filter(pk=post.pk).exists()


def test_search_ranks_only_the_newest_matches(settings, moderator):
    """The rank is computed for the newest COMMUNITY_SEARCH_MAX_RESULTS matches
    only, so an old post drops out even when it matches best; hidden posts do not
    take a place among them."""
    settings.COMMUNITY_SEARCH_MAX_RESULTS = 3
    thread = ThreadFactory(title="Sampah menumpuk", body="Sampah sampah sampah.")
    now = timezone.now()
    newer = [
        PostFactory(thread=thread, body_markdown=f"Sampah di pasar {n}.")
        for n in range(3)
    ]
    hidden = PostFactory(thread=thread, body_markdown="Sampah lagi.")
    services.hide_post(moderator, hidden, "Spam")
    Post.objects.filter(pk=thread.posts.get(depth=0).pk).update(
        created=now - timedelta(days=30)
    )
    for n, post in enumerate(newer):
        Post.objects.filter(pk=post.pk).update(created=now - timedelta(minutes=n))
    Post.objects.filter(pk=hidden.pk).update(created=now)

    found = set(Post.objects.public().search("sampah").values_list("pk", flat=True))

    assert found == {post.pk for post in newer}
