"""The Kamus Kompetensi (domain.md 6.1): the eight managerial competencies, Perekat
Bangsa and a first set of technical competencies by rumpun, each with levels 1-5.

Integritas levels 1-3 are verified against the Kamus; the other level descriptions
paraphrase PermenPANRB 38/2017 Lampiran II and are for BKPSDM to check and edit.
Technical competencies are the city's own starting list. `load` is idempotent and
is reused by the demo and the tests after a flush.
"""

from django.db import migrations

MANAGERIAL = "MANAJERIAL"
SOCIOCULTURAL = "SOSIAL_KULTURAL"
TECHNICAL = "TEKNIS"

# code, name, type, rumpun, definition, [level 1..5]
DICTIONARY = [
    (
        "M.01", "Integritas", MANAGERIAL, "",
        "Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, "
        "jujur dalam hubungan dengan manajemen, rekan kerja, bawahan dan pemangku "
        "kepentingan, serta bertanggung jawab atas tindakan dan keputusan beserta risikonya.",
        [
            "Bertindak sesuai nilai, norma dan etika organisasi dalam kapasitas pribadi.",
            "Mengingatkan dan mengajak rekan kerja untuk bertindak sesuai nilai, norma dan etika organisasi.",
            "Memastikan dan menanamkan keyakinan bersama agar anggota tim yang dipimpin bertindak sesuai nilai, norma dan etika organisasi.",
            "Menciptakan situasi kerja yang membuat rekan kerja berperilaku sesuai nilai, norma dan etika organisasi.",
            "Menjadi teladan dalam penerapan standar keadilan dan etika organisasi di tingkat instansi dan nasional.",
        ],
    ),
    (
        "M.02", "Kerjasama", MANAGERIAL, "",
        "Menjalin, membina dan mempertahankan hubungan kerja yang efektif, saling membantu "
        "menyelesaikan tugas, dan mengoptimalkan sumber daya untuk tujuan organisasi.",
        [
            "Berpartisipasi aktif dalam kelompok kerja.",
            "Menumbuhkan tim kerja yang partisipatif dan efektif.",
            "Membangun tim kerja yang efektif untuk meningkatkan kinerja organisasi.",
            "Membangun komitmen tim dan sinergi antarunit kerja.",
            "Menciptakan kerja sama yang konsisten di dalam dan di luar instansi.",
        ],
    ),
    (
        "M.03", "Komunikasi", MANAGERIAL, "",
        "Menerangkan pandangan dan gagasan secara jelas dan sistematis, lisan maupun "
        "tertulis; mendengarkan secara aktif; meyakinkan orang lain demi tujuan organisasi.",
        [
            "Menyampaikan informasi dengan jelas dan lengkap sehingga dipahami sama.",
            "Aktif berkomunikasi secara formal dan informal, mendengarkan dan menanggapi dengan tepat.",
            "Berkomunikasi secara asertif dan menyampaikan informasi yang sensitif atau rumit.",
            "Mengemukakan pemikiran multidimensi untuk mendorong kesepakatan demi kinerja organisasi.",
            "Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi.",
        ],
    ),
    (
        "M.04", "Orientasi pada Hasil", MANAGERIAL, "",
        "Berkomitmen tinggi menyelesaikan tugas, dapat diandalkan, dan mengidentifikasi "
        "risiko serta peluang antara perencanaan dan hasil untuk keberhasilan organisasi.",
        [
            "Bertanggung jawab memenuhi standar kerja.",
            "Berupaya mencapai hasil kerja di atas standar dan mencoba metode yang lebih baik.",
            "Menetapkan target kerja yang menantang bagi unit kerja dan mendorong pencapaiannya.",
            "Mendorong unit kerja mencapai atau melampaui target yang ditetapkan.",
            "Menyusun kebijakan dengan target kinerja organisasi yang tinggi dan berdampak luas.",
        ],
    ),
    (
        "M.05", "Pelayanan Publik", MANAGERIAL, "",
        "Melaksanakan tugas pemerintahan dan pelayanan publik secara profesional, "
        "transparan, objektif, netral dan tidak diskriminatif.",
        [
            "Menjalankan tugas pelayanan publik secara profesional sesuai standar pelayanan.",
            "Mengawasi dan menjelaskan pelaksanaan tugas pelayanan publik secara transparan.",
            "Memanfaatkan kekuatan kelompok dan memperbaiki standar pelayanan di unit kerja.",
            "Memantau dan mengantisipasi dampak isu jangka panjang terhadap pelayanan bagi pemangku kepentingan.",
            "Memastikan kebijakan yang menjamin pelayanan publik yang objektif, netral dan transparan.",
        ],
    ),
    (
        "M.06", "Pengembangan Diri dan Orang Lain", MANAGERIAL, "",
        "Meningkatkan pengetahuan dan keterampilan diri serta menginspirasi dan "
        "membimbing orang lain untuk mengembangkan potensinya.",
        [
            "Mengembangkan diri secara aktif.",
            "Meningkatkan kemampuan bawahan dengan contoh dan penjelasan cara kerja.",
            "Memberikan umpan balik dan bimbingan.",
            "Menyusun program pengembangan jangka panjang untuk manajemen pembelajaran.",
            "Membangun organisasi yang belajar secara berkelanjutan.",
        ],
    ),
    (
        "M.07", "Mengelola Perubahan", MANAGERIAL, "",
        "Menyesuaikan diri dengan situasi baru, mendukung dan memimpin inisiatif "
        "perubahan, serta memastikan perubahan berhasil diterapkan.",
        [
            "Menyadari perlunya perubahan dan menyesuaikan diri.",
            "Proaktif beradaptasi mengikuti perubahan.",
            "Membantu orang lain mengikuti perubahan dan mengantisipasinya dengan tepat.",
            "Memimpin perubahan pada unit kerja.",
            "Mengarahkan perubahan yang berdampak luas bagi organisasi.",
        ],
    ),
    (
        "M.08", "Pengambilan Keputusan", MANAGERIAL, "",
        "Membuat keputusan yang baik dan tepat waktu berdasarkan informasi, alternatif "
        "dan konsekuensinya, serta bertanggung jawab atas keputusan itu.",
        [
            "Mengumpulkan informasi untuk bertindak sesuai kewenangan.",
            "Menganalisis masalah secara mendalam.",
            "Membandingkan alternatif dan menyeimbangkan risiko dalam pelaksanaan.",
            "Menyelesaikan masalah berisiko tinggi dan mengantisipasi dampak keputusan.",
            "Mengambil keputusan strategis untuk masalah jangka panjang yang berdampak luas.",
        ],
    ),
    (
        "SK.01", "Perekat Bangsa", SOCIOCULTURAL, "",
        "Mempromosikan toleransi dan keterbukaan, peka terhadap perbedaan, dan menjadi "
        "perekat persatuan masyarakat di tengah kemajemukan Indonesia.",
        [
            "Peka memahami dan menerima kemajemukan.",
            "Aktif mengembangkan sikap saling menghargai dan menekankan persatuan.",
            "Mempromosikan dan mengembangkan sikap toleransi dan persatuan.",
            "Mendayagunakan perbedaan secara konstruktif untuk efektivitas organisasi.",
            "Mewakili pemerintah membangun hubungan sosial psikologis dengan masyarakat.",
        ],
    ),
]

# code, name, rumpun (positions.Position.Field), definition
TECHNICAL_COMPETENCIES = [
    ("T.PEM.01", "Administrasi Pemerintahan Daerah", "PEMERINTAHAN", "Menyelenggarakan urusan pemerintahan umum, kewilayahan dan kemasyarakatan."),
    ("T.KEU.01", "Pengelolaan Keuangan Daerah", "KEUANGAN", "Menganggarkan, menatausahakan dan mempertanggungjawabkan keuangan daerah."),
    ("T.KEU.02", "Pengadaan Barang/Jasa Pemerintah", "KEUANGAN", "Merencanakan dan melaksanakan pengadaan barang/jasa sesuai ketentuan."),
    ("T.PP.01", "Standar Pelayanan dan Pengelolaan Pengaduan", "PELAYANAN_PUBLIK", "Menyusun, menerapkan dan mengevaluasi standar pelayanan serta menindaklanjuti pengaduan."),
    ("T.KES.01", "Pelayanan Kesehatan Masyarakat", "KESEHATAN", "Menyelenggarakan upaya kesehatan perorangan dan masyarakat."),
    ("T.PDD.01", "Pembelajaran dan Pengelolaan Satuan Pendidikan", "PENDIDIKAN", "Merancang dan melaksanakan pembelajaran serta mengelola satuan pendidikan."),
    ("T.TI.01", "Literasi Digital dan SPBE", "TI", "Memanfaatkan teknologi digital dan Sistem Pemerintahan Berbasis Elektronik dalam tugas."),
    ("T.TI.02", "Keamanan Informasi", "TI", "Melindungi data dan sistem informasi pemerintah dari ancaman."),
    ("T.KEP.01", "Manajemen ASN", "KEPEGAWAIAN", "Mengelola pengadaan, karier, kinerja dan pengembangan pegawai ASN."),
    ("T.REN.01", "Perencanaan dan Penganggaran Pembangunan", "PERENCANAAN", "Menyusun rencana pembangunan daerah dan mengaitkannya dengan anggaran."),
    ("T.PGW.01", "Pengawasan Intern Pemerintah", "PENGAWASAN", "Melaksanakan audit, reviu, evaluasi dan pemantauan intern."),
    ("T.INF.01", "Pengelolaan Infrastruktur", "INFRASTRUKTUR", "Merencanakan, membangun dan memelihara prasarana kota."),
    ("T.BUD.01", "Pelestarian Warisan Budaya dan Pariwisata", "KEBUDAYAAN", "Melestarikan warisan tambang batubara Ombilin dan mengembangkan pariwisata."),
    ("T.HKM.01", "Penyusunan Produk Hukum Daerah", "HUKUM", "Merancang dan mengkaji peraturan daerah dan peraturan wali kota."),
    ("T.UMUM.01", "Tata Naskah Dinas dan Kearsipan", "UMUM", "Menyusun naskah dinas dan mengelola arsip sesuai ketentuan."),
]

TECHNICAL_LEVELS = [
    "Memahami dasar-dasar {name} dan menerapkannya dengan bimbingan.",
    "Menerapkan {name} secara mandiri pada tugas rutin.",
    "Menerapkan {name} pada masalah yang kompleks dan membimbing rekan kerja.",
    "Mengembangkan metode dan standar {name} di unit kerja.",
    "Menjadi rujukan {name} dan merumuskan kebijakannya di tingkat instansi.",
]


def entries():
    yield from DICTIONARY
    for code, name, field, definition in TECHNICAL_COMPETENCIES:
        levels = [text.format(name=name.lower()) for text in TECHNICAL_LEVELS]
        yield code, name, TECHNICAL, field, definition, levels


def load(apps, schema_editor):
    Competency = apps.get_model("competency", "Competency")
    CompetencyLevel = apps.get_model("competency", "CompetencyLevel")
    for code, name, kind, field, definition, levels in entries():
        competency, _ = Competency.objects.get_or_create(
            code=code,
            defaults={"name": name, "type": kind, "field": field, "description": definition},
        )
        for number, text in enumerate(levels, start=1):
            CompetencyLevel.objects.get_or_create(
                competency=competency, level=number, defaults={"description": text}
            )


def unload(apps, schema_editor):
    Competency = apps.get_model("competency", "Competency")
    codes = [entry[0] for entry in entries()]
    Competency.objects.filter(code__in=codes, assessments__isnull=True, program_links__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("competency", "0001_dictionary_standards_assessments_training")]

    operations = [migrations.RunPython(load, unload)]
