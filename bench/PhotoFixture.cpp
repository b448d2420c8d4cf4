// Writes the 12 MP phone portrait of tests/photo/PhotoFixtureSet.h to a file, for the whole-process photo benchmark.
#include "photo/PhotoFixtureSet.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2)
        return 2;
    const QByteArray bytes = PhotoFixtureSet::phonePortrait12MP();
    QFile f(QString::fromLocal8Bit(argv[1]));
    return !bytes.isEmpty() && f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() ? 0 : 1;
}
