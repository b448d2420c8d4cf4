#include "KioskSpace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace ncre;

// KioskSpace (issue 16): prepare() makes private folders and points TMPDIR into them; wipe() leaves the folders
// empty — files, hidden files, nested folders, symbolic links (removed, their targets untouched) — and a file it
// cannot remove is reported.
class TestKioskSpace : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_outside;

    static void put(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

    static QStringList entries()
    {
        QStringList out;
        for (const QString &root : KioskSpace::locations()) {
            QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (!KioskSpace::locations().contains(path)) // the temporary folder is inside the cache location
                    out << path;
            }
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        // The kiosk's folders live in a throw-away home.
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath("data")));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home.filePath("cache")));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath("config")));
        QCoreApplication::setApplicationName("TestKioskSpace");
    }

    void testPrepareMakesPrivateFolders()
    {
        QVERIFY(KioskSpace::prepare().ok());
        for (const QString &dir : KioskSpace::locations()) {
            QVERIFY2(dir.startsWith(m_home.path()), qPrintable(dir));
            QVERIFY(QFileInfo(dir).isDir());
            QCOMPARE(QFile::permissions(dir) & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther),
                     QFileDevice::Permissions());
        }
        QCOMPARE(QDir::cleanPath(QDir::tempPath()), KioskSpace::temporaryFolder());
        QVERIFY(KioskSpace::locations().contains(KioskSpace::temporaryFolder()));
    }

    void testWipeEmptiesEveryFolder()
    {
        QVERIFY(KioskSpace::prepare().ok());
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
        put(data + "/candidate.sqlite", "SQLite format 3 张三");
        put(data + "/downloads/deep/er/form.pdf", "%PDF-1.7 张三");
        put(data + "/.hidden", "x");
        put(QDir::tempPath() + "/capture-0001.jpg", "\xff\xd8\xff");
        put(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/qtshadercache/a", "x");
        put(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + "/candidate.conf", "language=en");
        const QString target = m_outside.filePath("not-the-kiosks.txt");
        put(target, "keep me");
        QVERIFY(QFile::link(target, data + "/link-out"));
        QVERIFY(entries().size() >= 8);

        QVERIFY(KioskSpace::wipe().ok());
        QVERIFY2(entries().isEmpty(), qPrintable(entries().join(QLatin1Char(' '))));
        for (const QString &dir : KioskSpace::locations())
            QVERIFY(QFileInfo(dir).isDir()); // the folders themselves stay
        QVERIFY(QFile::exists(target));      // a link is removed, not followed
    }

    void testWhatCannotBeRemovedIsReported()
    {
        if (geteuid() == 0)
            QSKIP("root removes files from read-only folders");
        QVERIFY(KioskSpace::prepare().ok());
        const QString locked = QDir::tempPath() + "/locked";
        put(locked + "/capture.jpg", "x");
        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        const auto wiped = KioskSpace::wipe();
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(!wiped.ok());
        QVERIFY(!wiped.error().detail.contains("capture")); // no file names in what is logged
        QVERIFY(KioskSpace::wipe().ok());
    }
};

QTEST_GUILESS_MAIN(TestKioskSpace)
#include "TestKioskSpace.moc"
