
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0004_survey'),
        ('positions', '0008_batch_workflow'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Meeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='judul')),
                ('theme', models.CharField(blank=True, max_length=120, verbose_name='tema')),
                ('starts_at', models.DateTimeField(verbose_name='mulai')),
                ('ends_at', models.DateTimeField(verbose_name='selesai')),
                ('place', models.CharField(max_length=200, verbose_name='tempat')),
                ('agenda', models.TextField(verbose_name='agenda')),
                ('capacity', models.PositiveIntegerField(blank=True, help_text='Kosongkan bila tidak dibatasi.', null=True, verbose_name='kapasitas peserta')),
                ('registration_open', models.BooleanField(default=True, verbose_name='pendaftaran dibuka')),
                ('status', models.CharField(choices=[('PLANNED', 'Direncanakan'), ('HELD', 'Terlaksana'), ('CANCELLED', 'Dibatalkan')], default='PLANNED', max_length=10, verbose_name='status')),
                ('minutes', models.TextField(blank=True, verbose_name='notulen')),
                ('minutes_published_at', models.DateTimeField(blank=True, null=True, verbose_name='notulen diterbitkan pada')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat pada')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='diubah pada')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='dibuat oleh')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='community_meetings', to='positions.orgunit', verbose_name='unit penyelenggara')),
            ],
            options={
                'verbose_name': 'forum diskusi publik',
                'verbose_name_plural': 'forum diskusi publik',
                'ordering': ['-starts_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Commitment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('description', models.TextField(verbose_name='uraian komitmen')),
                ('due_date', models.DateField(verbose_name='target selesai')),
                ('status', models.CharField(choices=[('PLANNED', 'Direncanakan'), ('IN_PROGRESS', 'Sedang dikerjakan'), ('DONE', 'Selesai'), ('DROPPED', 'Dibatalkan')], default='PLANNED', max_length=12, verbose_name='status')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='kemajuan (%)')),
                ('is_public', models.BooleanField(default=True, verbose_name='ditampilkan ke publik')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dicatat pada')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='diperbarui pada')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='dicatat oleh')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='community_commitments', to='positions.orgunit', verbose_name='unit penanggung jawab')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='commitments', to='community.meeting', verbose_name='forum')),
            ],
            options={
                'verbose_name': 'komitmen tindak lanjut',
                'verbose_name_plural': 'komitmen tindak lanjut',
                'ordering': ['due_date', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='MeetingRegistration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('attended', models.BooleanField(default=False, verbose_name='hadir')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='mendaftar pada')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='community.meeting', verbose_name='forum')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='meeting_registrations', to=settings.AUTH_USER_MODEL, verbose_name='warga')),
            ],
            options={
                'verbose_name': 'pendaftaran forum',
                'verbose_name_plural': 'pendaftaran forum',
                'ordering': ['meeting', 'created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='CommitmentUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='tanggal')),
                ('status', models.CharField(choices=[('PLANNED', 'Direncanakan'), ('IN_PROGRESS', 'Sedang dikerjakan'), ('DONE', 'Selesai'), ('DROPPED', 'Dibatalkan')], max_length=12, verbose_name='status')),
                ('progress', models.PositiveSmallIntegerField(verbose_name='kemajuan (%)')),
                ('note', models.TextField(blank=True, verbose_name='keterangan')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dicatat pada')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='oleh')),
                ('commitment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='community.commitment', verbose_name='komitmen')),
            ],
            options={
                'verbose_name': 'perkembangan komitmen',
                'verbose_name_plural': 'perkembangan komitmen',
                'ordering': ['commitment', 'date', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('progress__gte', 0), ('progress__lte', 100)), name='community_commitmentupdate_progress_0_100', violation_error_message='Kemajuan harus antara 0 dan 100 persen.'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'DONE'), _negated=True), ('progress', 100), _connector='OR'), name='community_commitmentupdate_done_complete', violation_error_message='Komitmen yang selesai harus berkemajuan 100 persen.')],
            },
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(fields=['ends_at'], name='community_meeting_ends_at'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='community_meeting_ends_after_start', violation_error_message='Waktu selesai harus sesudah waktu mulai.'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('capacity__isnull', True), ('capacity__gt', 0), _connector='OR'), name='community_meeting_capacity_positive', violation_error_message='Kapasitas peserta harus lebih dari nol.'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('unit__isnull', False), models.Q(('theme', ''), _negated=True), _connector='OR'), name='community_meeting_unit_or_theme', violation_error_message='Isi unit penyelenggara atau tema forum.'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_published_at__isnull', True), models.Q(('status', 'HELD'), models.Q(('minutes', ''), _negated=True)), _connector='OR'), name='community_meeting_minutes_of_held', violation_error_message='Notulen hanya diterbitkan untuk forum yang sudah terlaksana, dan tidak boleh kosong.'),
        ),
        migrations.AddIndex(
            model_name='commitment',
            index=models.Index(fields=['unit', 'status'], name='community_commitment_unit'),
        ),
        migrations.AddConstraint(
            model_name='commitment',
            constraint=models.CheckConstraint(condition=models.Q(('progress__gte', 0), ('progress__lte', 100)), name='community_commitment_progress_0_100', violation_error_message='Kemajuan harus antara 0 dan 100 persen.'),
        ),
        migrations.AddConstraint(
            model_name='commitment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'DONE'), _negated=True), ('progress', 100), _connector='OR'), name='community_commitment_done_complete', violation_error_message='Komitmen yang selesai harus berkemajuan 100 persen.'),
        ),
        migrations.AddConstraint(
            model_name='meetingregistration',
            constraint=models.UniqueConstraint(fields=('meeting', 'user'), name='community_meetingregistration_once', violation_error_message='Anda sudah terdaftar pada forum ini.'),
        ),
    ]
