#pragma once

#include <QStringList>

#include <functional>

namespace ncre::RemovableMedia {

// A mounted file system as /proc/self/mounts (QStorageInfo) reports it.
struct Mount
{
    QString device;   // "/dev/sdb1"
    QString rootPath; // "/media/kiosk/USB"
};

// The mounts that are removable media (issue 16: photos «from removable media, only mounted removable volumes»):
// a block device whose disk the kernel marks removable (/sys/block/<disk>/removable), or any device mounted by the
// desktop's automounter under /media or /run/media. `isRemovableDisk` answers for a disk name ("sdb", "mmcblk0").
QStringList removableRoots(const QList<Mount> &mounts, const std::function<bool(const QString &disk)> &isRemovableDisk);
// The same for this machine now (QStorageInfo::mountedVolumes and sysfs).
QStringList mountedRemovableRoots();
// The disk of a partition device: "/dev/sdb1" → "sdb", "/dev/mmcblk0p1" → "mmcblk0", "/dev/nvme0n1p2" → "nvme0n1".
QString diskOf(const QString &device);

// The image files under `root` a candidate may pick: JPEG, PNG, HEIC, BMP or WebP by name, at most `maxDepth`
// folders deep, no hidden files or folders, no symbolic links followed, none over 20 MB; at most `maxFiles`, sorted
// newest first (a photo just taken is on top).
QStringList images(const QString &root, int maxDepth = 4, int maxFiles = 300);

} // namespace ncre::RemovableMedia
