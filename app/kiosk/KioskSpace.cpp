#include "KioskSpace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace ncre::KioskSpace {

namespace {

constexpr QFileDevice::Permissions kPrivate = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

QStringList standardLocations()
{
    QStringList out;
    for (auto type : {QStandardPaths::AppDataLocation, QStandardPaths::AppLocalDataLocation, QStandardPaths::CacheLocation,
                      QStandardPaths::AppConfigLocation}) {
        const QString path = QDir::cleanPath(QStandardPaths::writableLocation(type));
        if (!path.isEmpty() && !out.contains(path))
            out.append(path);
    }
    return out;
}

// Zeros over the content before unlinking: on file systems that write in place, the blocks no longer hold the
// candidate's bytes. (Copy-on-write and flash may keep old blocks; docs/kiosk.md puts the kiosk's home on tmpfs.)
bool overwriteAndRemove(const QString &path)
{
    QFile file(path);
    if (file.open(QIODevice::ReadWrite)) {
        const QByteArray zeros(64 * 1024, '\0');
        for (qint64 left = file.size(); left > 0; left -= zeros.size())
            file.write(zeros.constData(), qMin<qint64>(left, zeros.size()));
        file.flush();
        file.close();
    }
    return QFile::remove(path);
}

} // namespace

QString temporaryFolder()
{
    return QDir::cleanPath(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)) + QStringLiteral("/tmp");
}

QStringList locations()
{
    QStringList out = standardLocations();
    if (!out.contains(temporaryFolder()))
        out.append(temporaryFolder());
    return out;
}

Result<void> prepare()
{
    for (const QString &dir : locations()) {
        if (!QDir().mkpath(dir) || !QFile::setPermissions(dir, kPrivate))
            return Error(ErrorCode::StoreWrite, QStringLiteral("kiosk"), QStringLiteral("cannot make a private folder"));
    }
    qputenv("TMPDIR", QFile::encodeName(temporaryFolder()));
    return {};
}

QString pinStateFile()
{
    QString state = qEnvironmentVariable("XDG_STATE_HOME");
    if (state.isEmpty() || !QDir::isAbsolutePath(state))
        state = QDir::homePath() + QStringLiteral("/.local/state");
    return state + QStringLiteral("/ncre-desk/staff-pin");
}

Result<void> wipe()
{
    int left = 0;
    for (const QString &root : locations()) {
        QStringList folders;
        QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QFileInfo info = it.fileInfo();
            if (info.isDir() && !info.isSymLink())
                folders.append(path);
            else if (!(info.isSymLink() ? QFile::remove(path) : overwriteAndRemove(path)))
                ++left;
        }
        // Deepest first; a folder that is another location (the temporary one) stays, emptied.
        std::sort(folders.begin(), folders.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
        for (const QString &folder : std::as_const(folders)) {
            if (locations().contains(folder))
                continue;
            if (!QDir().rmdir(folder))
                ++left;
        }
    }
    if (left > 0)
        return Error(ErrorCode::StoreWrite, QStringLiteral("kiosk"),
                     QStringLiteral("%1 entries could not be removed").arg(left));
    return {};
}

} // namespace ncre::KioskSpace
