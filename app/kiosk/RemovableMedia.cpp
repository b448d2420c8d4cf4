#include "RemovableMedia.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStorageInfo>

#include <algorithm>

namespace ncre::RemovableMedia {

QString diskOf(const QString &device)
{
    static const QRegularExpression partitioned(QStringLiteral("^/dev/((?:mmcblk|nvme\\d+n)\\d+)(?:p\\d+)?$"));
    static const QRegularExpression plain(QStringLiteral("^/dev/([a-z]+)\\d*$"));
    if (const auto m = partitioned.match(device); m.hasMatch())
        return m.captured(1);
    if (const auto m = plain.match(device); m.hasMatch())
        return m.captured(1);
    return {};
}

QStringList removableRoots(const QList<Mount> &mounts, const std::function<bool(const QString &disk)> &isRemovableDisk)
{
    QStringList roots;
    for (const Mount &m : mounts) {
        if (!m.device.startsWith(QLatin1String("/dev/")) || m.rootPath == QLatin1String("/"))
            continue;
        const QString disk = diskOf(m.device);
        const bool automounted = m.rootPath.startsWith(QLatin1String("/media/")) || m.rootPath.startsWith(QLatin1String("/run/media/"));
        if ((!disk.isEmpty() && isRemovableDisk(disk)) || automounted)
            roots.append(m.rootPath);
    }
    roots.removeDuplicates();
    return roots;
}

QStringList mountedRemovableRoots()
{
    QList<Mount> mounts;
    for (const QStorageInfo &volume : QStorageInfo::mountedVolumes()) {
        if (volume.isValid() && volume.isReady())
            mounts.append({QString::fromLocal8Bit(volume.device()), volume.rootPath()});
    }
    return removableRoots(mounts, [](const QString &disk) {
        QFile flag(QStringLiteral("/sys/block/%1/removable").arg(disk));
        return flag.open(QIODevice::ReadOnly) && flag.read(1) == "1";
    });
}

QStringList images(const QString &root, int maxDepth, int maxFiles)
{
    static const QStringList patterns{QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.png"),
                                      QStringLiteral("*.heic"), QStringLiteral("*.bmp"), QStringLiteral("*.webp")};
    constexpr qint64 kMaxBytes = 20 * 1024 * 1024;
    const QString base = QDir(root).canonicalPath();
    if (base.isEmpty())
        return {};
    QList<QFileInfo> found;
    // No symbolic links followed (a link could lead off the medium); hidden entries skipped.
    // Name filters without QDir::CaseSensitive: IMG_0001.JPG counts. A medium with a huge tree is not walked to
    // its end: at most kMaxVisited entries.
    constexpr int kMaxVisited = 20000;
    QDirIterator it(base, patterns, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    int visited = 0;
    while (it.hasNext() && found.size() < maxFiles * 4 && ++visited <= kMaxVisited) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = path.mid(base.size() + 1);
        if (relative.split(QLatin1Char('/')).size() > maxDepth + 1 || relative.contains(QLatin1String("/."))
            || relative.startsWith(QLatin1Char('.')) || info.isSymLink() || !info.isFile() || info.size() > kMaxBytes)
            continue;
        found.append(info);
    }
    std::sort(found.begin(), found.end(), [](const QFileInfo &a, const QFileInfo &b) { return a.lastModified() > b.lastModified(); });
    QStringList out;
    for (const QFileInfo &info : std::as_const(found)) {
        if (out.size() >= maxFiles)
            break;
        out.append(info.filePath());
    }
    return out;
}

} // namespace ncre::RemovableMedia
