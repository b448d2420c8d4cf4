#include "RemovableMedia.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ncre;

// RemovableMedia (issue 16): which mounts count as removable media, and which files on them a candidate may pick.
class TestRemovableMedia : public QObject
{
    Q_OBJECT

private slots:
    void testDiskOf_data()
    {
        QTest::addColumn<QString>("device");
        QTest::addColumn<QString>("disk");
        QTest::addRow("usb partition") << "/dev/sdb1" << "sdb";
        QTest::addRow("usb whole disk") << "/dev/sdc" << "sdc";
        QTest::addRow("sd card") << "/dev/mmcblk0p1" << "mmcblk0";
        QTest::addRow("nvme") << "/dev/nvme0n1p2" << "nvme0n1";
        QTest::addRow("mapper") << "/dev/mapper/root" << "";
        QTest::addRow("not a device") << "tmpfs" << "";
    }
    void testDiskOf()
    {
        QFETCH(QString, device);
        QFETCH(QString, disk);
        QCOMPARE(RemovableMedia::diskOf(device), disk);
    }

    void testRemovableRoots()
    {
        const QList<RemovableMedia::Mount> mounts{
            {"/dev/nvme0n1p2", "/"},                   // the system disk
            {"/dev/nvme0n1p1", "/boot/efi"},           // not removable
            {"/dev/sdb1", "/mnt/stick"},               // a removable disk mounted by hand
            {"/dev/sdc1", "/media/kiosk/CAMERA"},      // automounted (even if the kernel does not say removable)
            {"tmpfs", "/run/media/kiosk/fake"},        // not a device
            {"/dev/sda1", "/srv/data"},                // a fixed disk
            {"/dev/mmcblk0p1", "/run/media/kiosk/SD"}, // an SD card
        };
        const QStringList roots = RemovableMedia::removableRoots(mounts, [](const QString &disk) { return disk == "sdb"; });
        QCOMPARE(roots, (QStringList{"/mnt/stick", "/media/kiosk/CAMERA", "/run/media/kiosk/SD"}));
    }

    void testOnlyImagesAreOffered()
    {
        QTemporaryDir stick;
        QTemporaryDir outside;
        auto put = [](const QString &path, qint64 size, int ageSeconds) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.resize(size);
            f.close();
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(-ageSeconds), QFileDevice::FileModificationTime));
        };
        put(stick.filePath("DCIM/IMG_0001.JPG"), 1000, 300);
        put(stick.filePath("photo.png"), 1000, 100);  // newest
        put(stick.filePath("scan.heic"), 1000, 200);
        put(stick.filePath("notes.txt"), 1000, 50);
        put(stick.filePath("virus.jpg.exe"), 1000, 50);
        put(stick.filePath(".hidden/secret.jpg"), 1000, 50);
        put(stick.filePath(".trash.jpg"), 1000, 50);
        put(stick.filePath("a/b/c/d/e/too-deep.jpg"), 1000, 50);
        put(stick.filePath("huge.jpg"), 21 * 1024 * 1024, 50);
        put(outside.filePath("elsewhere.jpg"), 1000, 10);
        QVERIFY(QFile::link(outside.filePath("elsewhere.jpg"), stick.filePath("link.jpg")));
        QVERIFY(QFile::link(outside.path(), stick.filePath("linked-folder")));

        const QString base = QDir(stick.path()).canonicalPath();
        QCOMPARE(RemovableMedia::images(stick.path()),
                 (QStringList{base + "/photo.png", base + "/scan.heic", base + "/DCIM/IMG_0001.JPG"}));
        QCOMPARE(RemovableMedia::images(stick.path(), 4, 2).size(), 2);
        QVERIFY(RemovableMedia::images(stick.filePath("no-such-folder")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRemovableMedia)
#include "TestRemovableMedia.moc"
