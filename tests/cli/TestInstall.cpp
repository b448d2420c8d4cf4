#include "photo/PhotoFixtureSet.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// An installation works on its own (issue 15): `cmake --install` into a temporary prefix, the build tree's modules
// moved out of reach, and the installed programs still load every module (found relative to themselves), check a
// photo with face detection, render a PDF page, and carry their translations and desktop files. Runs alone (the
// build tree's modules are away meanwhile; they are put back whatever happens).
class TestInstall : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_prefix;
    QString m_modules;       // the build tree's modules
    QString m_modulesAway;   // where they wait meanwhile

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static Run run(const QString &program, const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("NCRE_MODULE_DIR")); // only what the installed program finds by itself
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        p.setProcessEnvironment(env);
        p.start(program, args);
        if (!p.waitForFinished(300000))
            return {};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    QString installed(const QString &relative) const { return m_prefix.filePath(relative); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_prefix.isValid());
        const Run install = run(QStringLiteral(NCRE_CMAKE_COMMAND),
                                {QStringLiteral("--install"), QStringLiteral(NCRE_BINARY_DIR), QStringLiteral("--prefix"),
                                 m_prefix.path(), QStringLiteral("--component"), QStringLiteral("ncre-desk")});
        QVERIFY2(install.exitCode == 0, install.err.constData());

        m_modules = QStringLiteral(NCRE_MODULE_DIR);
        QVERIFY2(QDir(m_modules).exists(), qPrintable(m_modules));
        m_modulesAway = m_modules + QStringLiteral(".away-during-TestInstall");
        QVERIFY(QDir().rename(m_modules, m_modulesAway));
    }

    void cleanupTestCase()
    {
        if (!m_modulesAway.isEmpty() && QDir(m_modulesAway).exists())
            QDir().rename(m_modulesAway, m_modules);
    }

    void testLayout()
    {
        for (const char *file : {"bin/ncre-desk", "bin/ncre-photo", "share/ncre-desk/translations/ncre_zh_CN.qm",
                                 "share/ncre-desk/ncre-photo-spec.json",
                                 "share/applications/io.github.ncredesk.NcreDesk.desktop",
                                 "share/metainfo/io.github.ncredesk.NcreDesk.metainfo.xml",
                                 "share/icons/hicolor/scalable/apps/io.github.ncredesk.NcreDesk.svg",
                                 "share/icons/hicolor/48x48/apps/io.github.ncredesk.NcreDesk.png"})
            QVERIFY2(QFileInfo::exists(installed(QString::fromLatin1(file))), file);
        QStringList modules;
        QDirIterator it(m_prefix.path(), {QStringLiteral("*.so")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            modules << QFileInfo(it.next()).fileName();
        modules.sort();
        QCOMPARE(modules, QStringList({"ncre-face-opencv.so", "ncre-pdf-poppler.so", "ncre-sniff-magic.so",
                                       "ncre-transfer-curl.so"}));
    }

    void testVersion()
    {
        for (const char *program : {"bin/ncre-desk", "bin/ncre-photo"}) {
            const Run r = run(installed(QString::fromLatin1(program)), {QStringLiteral("--version")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains(NCRE_PROJECT_VERSION), r.out.constData());
        }
    }

    // Every module, the PDF render and the face model, from the installed copy.
    void testSelfTestFromInstalledCopy()
    {
        const Run r = run(installed(QStringLiteral("bin/ncre-desk")), {QStringLiteral("--self-test")});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY2(r.out.contains("ok   pdf: rendered page 1"), r.out.constData());
        QCOMPARE(r.out.count("loaded from " + m_prefix.path().toUtf8()), 4);
        QVERIFY(!r.out.contains(NCRE_BINARY_DIR));
    }

    // ncre-photo check runs face detection: the face module comes from the installation.
    void testPhotoCheckFromInstalledCopy()
    {
        QTemporaryDir dir;
        QByteArray compliant;
        for (const auto &f : PhotoFixtureSet::all()) {
            if (QByteArray(f.name) == "compliant")
                compliant = f.bytes;
        }
        QVERIFY2(!compliant.isEmpty(), "fixture photographs missing: run scripts/setup");
        QFile photo(dir.filePath(QStringLiteral("compliant.jpg")));
        QVERIFY(photo.open(QIODevice::WriteOnly));
        photo.write(compliant);
        photo.close();
        const Run ok = run(installed(QStringLiteral("bin/ncre-photo")),
                           {QStringLiteral("check"), QStringLiteral("--json"), photo.fileName()});
        QVERIFY2(ok.exitCode == 0, (ok.out + ok.err).constData());
        QCOMPARE(QJsonDocument::fromJson(ok.out).array().at(0).toObject().value(QLatin1String("ok")).toBool(), true);

        // Without the installed modules the same check cannot find a face: the success above was theirs.
        QDir modules(installed(QStringLiteral(NCRE_INSTALL_MODULEDIR)));
        QVERIFY(modules.rename(QStringLiteral("ncre-face-opencv.so"), QStringLiteral("ncre-face-opencv.so.off")));
        const Run missing = run(installed(QStringLiteral("bin/ncre-photo")),
                                {QStringLiteral("check"), QStringLiteral("--json"), photo.fileName()});
        QVERIFY(modules.rename(QStringLiteral("ncre-face-opencv.so.off"), QStringLiteral("ncre-face-opencv.so")));
        QVERIFY2(missing.exitCode != 0, missing.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestInstall)
#include "TestInstall.moc"
