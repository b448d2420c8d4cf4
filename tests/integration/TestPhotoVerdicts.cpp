#include "Meta.h"
#include "PhotoSession.h"
#include "ServerProcess.h"
#include "photo/PhotoFixtureSet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ncre;

// One photo, one verdict: every photo fixture goes through the desk's pipeline (PhotoSession, as the photo page
// opens a file), `ncre-photo check --json` and ncre-server's upload check (PUT /registrations/current/photo), all
// with the spec the server publishes; the three give the same codes. What the server keeps is the picture encoded
// again, without metadata or bytes after it.
class TestPhotoVerdicts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<TestHttp> m_http;
    PhotoSpec m_spec;

    static QStringList sorted(QStringList codes)
    {
        codes.removeDuplicates();
        codes.sort();
        return codes;
    }

    QStringList desk(const QByteArray &bytes)
    {
        PhotoSession session(m_spec);
        QSignalSpy opened(&session, &PhotoSession::opened);
        QSignalSpy failed(&session, &PhotoSession::openFailed);
        session.openBytes(bytes);
        if (!QTest::qWaitFor([&] { return !opened.isEmpty() || !failed.isEmpty(); }, 30000))
            return {QStringLiteral("timeout")};
        QStringList codes;
        for (const PhotoFinding &f : session.fileInspection().findings)
            codes << errorCodeName(f.code);
        return sorted(codes);
    }

    QStringList cli(const QByteArray &bytes, QTemporaryDir &dir, const char *name)
    {
        const QString path = dir.filePath(QString::fromLatin1(name) + QStringLiteral(".jpg"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return {QStringLiteral("unwritable")};
        f.close();
        QProcess p;
        p.start(QStringLiteral(NCRE_PHOTO_BINARY), {QStringLiteral("check"), QStringLiteral("--json"), path});
        // A CLI that did not answer is named, with what it said, rather than read as "no findings".
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return {QStringLiteral("ncre-photo did not finish: ") + QString::fromLocal8Bit(p.readAllStandardError())};
        }
        if (p.exitStatus() != QProcess::NormalExit)
            return {QStringLiteral("ncre-photo crashed: ") + QString::fromLocal8Bit(p.readAllStandardError())};
        const QByteArray stdoutBytes = p.readAllStandardOutput();
        QJsonParseError parseError{};
        const QJsonArray report = QJsonDocument::fromJson(stdoutBytes, &parseError).array();
        if (parseError.error != QJsonParseError::NoError || report.size() != 1)
            return {QStringLiteral("ncre-photo answered no report (exit %1): ").arg(p.exitCode())
                    + QString::fromUtf8(stdoutBytes.left(200)) + QString::fromLocal8Bit(p.readAllStandardError())};
        QStringList codes;
        for (const QJsonValue &v : report.at(0).toObject().value(QStringLiteral("findings")).toArray())
            codes << v.toObject().value(QStringLiteral("code")).toString();
        return sorted(codes);
    }

    QStringList server(const QByteArray &bytes)
    {
        const HttpResult r = m_http->send("PUT", "/api/v1/registrations/current/photo", bytes, "image/jpeg");
        if (r.status == 200)
            return {};
        if (r.status != 422)
            return {QStringLiteral("status %1").arg(r.status)};
        QStringList codes;
        const QJsonObject problem = r.json();
        for (const QJsonValue &v : problem.value(QStringLiteral("errors")).toArray())
            codes << v.toObject().value(QStringLiteral("code")).toString();
        if (codes.isEmpty())
            codes << problem.value(QStringLiteral("code")).toString();
        return sorted(codes);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!PhotoFixtureSet::all().isEmpty(), "fixture photographs missing: run scripts/setup");
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->waitReady(), m_server->stderrText().constData());
        m_http = std::make_unique<TestHttp>(*m_server);
        // The spec as the server publishes it: what all three check against.
        const auto meta = Meta::fromJson(m_http->get("/api/v1/meta").json(), JsonStrictness::Strict);
        QVERIFY(meta.ok());
        m_spec = meta->photoSpec;
        // A registration that takes photos: agreement, profile, subjects, submitted.
        m_http->setToken(m_http->registerAndLogIn("photo.verdicts"));
        const QString version = m_http->get("/api/v1/exams/current").json().value("agreementVersion").toString();
        QCOMPARE(m_http->put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}}).status, 200);
        const QJsonObject profile{{"name", QString::fromUtf8("张三")}, {"documentType", "resident_id"},
                                  {"documentNumber", "11010519491231002X"}, {"ethnicity", "01"}, {"education", "bachelor"},
                                  {"occupation", "student"}, {"mobile", "13812345678"},
                                  {"address", QString::fromUtf8("北京市朝阳区建国路1号")}, {"postalCode", "100020"}};
        QCOMPARE(m_http->put("/api/v1/registrations/current/profile", profile).status, 200);
        QCOMPARE(m_http->put("/api/v1/registrations/current/subjects", {{"siteId", "bj-bit"}, {"subjectIds", QJsonArray{"15"}}}).status,
                 200);
        QCOMPARE(m_http->post("/api/v1/registrations/current/submit", {{"guarantee", true}}).status, 200);
    }

    void testSameVerdictEverywhere_data()
    {
        QTest::addColumn<int>("index");
        const auto all = PhotoFixtureSet::all();
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(all.at(i).name) << i;
    }
    void testSameVerdictEverywhere()
    {
        QFETCH(int, index);
        const PhotoFixtureSet::Fixture f = PhotoFixtureSet::all().at(index);
        QTemporaryDir dir;
        const QStringList fromDesk = desk(f.bytes);
        const QStringList fromCli = cli(f.bytes, dir, f.name);
        const QStringList fromServer = f.bytes.size() > 4 * 1024 * 1024 ? fromCli : server(f.bytes); // over the body limit
        QCOMPARE(fromDesk, sorted(f.expectedCodes));
        QCOMPARE(fromCli, fromDesk);
        QCOMPARE(fromServer, fromDesk);
    }

    // The handed real-world inputs (../shared/field beside the repository, README there), through all three, with
    // the answer the README names.
    void testHandedInputsEverywhere_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("codes");
        QTest::newRow("tight frame") << "photo-tight-frame.jpg" << QStringList{};
        QTest::newRow("tight frame 2") << "photo-tight-frame-2.jpg" << QStringList{};
        QTest::newRow("motion photo") << "motion-photo.jpg" << QStringList{"photo.bytes"};
        QTest::newRow("motion photo without video") << "motion-photo-without-video.jpg" << QStringList{"photo.composition"};
        QTest::newRow("arithmetic") << "arithmetic-coded.jpg" << QStringList{"photo.format"};
        QTest::newRow("avif") << "avif-named.jpg" << QStringList{"photo.format"};
        QTest::newRow("red background") << "red-background.jpg" << QStringList{"photo.background"};
    }
    void testHandedInputsEverywhere()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, codes);
        QFile f(QStringLiteral(NCRE_SOURCE_DIR "/../shared/field/") + file);
        if (!f.open(QIODevice::ReadOnly))
            QSKIP("../shared/field is not beside this repository");
        const QByteArray bytes = f.readAll();
        QTemporaryDir dir;
        const QStringList fromDesk = desk(bytes);
        QVERIFY2(std::all_of(codes.begin(), codes.end(), [&](const QString &c) { return fromDesk.contains(c); }),
                 qPrintable(fromDesk.join(',')));
        if (codes.isEmpty())
            QCOMPARE(fromDesk, QStringList());
        QCOMPARE(cli(bytes, dir, "handed"), fromDesk);
        QCOMPARE(server(bytes), fromDesk);
    }

    // What the server keeps is clean: a compliant photo with EXIF (GPS and all) and data after its EOI is stored
    // re-encoded, with neither.
    void testServerKeepsACleanPhoto()
    {
        const QByteArray compliant = PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage(), 90);
        const QByteArray dirty = PhotoFixtureSet::withExif(compliant, 1) + QByteArray("TRAILER-SECRET", 14);
        QVERIFY(server(dirty).isEmpty());
        const HttpResult kept = m_http->get("/api/v1/registrations/current/photo");
        QCOMPARE(kept.status, 200);
        QVERIFY(!kept.body.contains("Exif"));
        QVERIFY(!kept.body.contains("TRAILER-SECRET"));
        QVERIFY(kept.body.endsWith("\xFF\xD9"));
        QCOMPARE(QImage::fromData(kept.body, "JPEG").size(), QImage::fromData(compliant, "JPEG").size());
        QVERIFY(PhotoInspector(m_spec).inspect(kept.body).ok());
    }
};

QTEST_MAIN(TestPhotoVerdicts)
#include "TestPhotoVerdicts.moc"
