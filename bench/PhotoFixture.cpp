// Writes the 12 MP phone portrait (with the camera's EXIF thumbnail, or without) of tests/photo/PhotoFixtureSet.h to a file, for the whole-process photo benchmark.
#include "photo/PhotoFixtureSet.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // ncre-bench-photo-fixture OUT.jpg [--no-thumbnail]
    const bool thumbnail = !(argc == 3 && qstrcmp(argv[2], "--no-thumbnail") == 0);
    if (argc != 2 && thumbnail)
        return 2;
    const QByteArray bytes = PhotoFixtureSet::phonePortrait12MP(thumbnail);
    QFile f(QString::fromLocal8Bit(argv[1]));
    return !bytes.isEmpty() && f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() ? 0 : 1;
}
