// Helper of TestDraftCrash: saves numbered drafts as fast as it can and prints each number once saveDraft()
// returned, i.e. once the edit is committed. The test kills it with SIGKILL at random moments.
//   ncre-test-draft-writer PATH KEYHEX
#include "LocalStore.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 3)
        return 2;
    ncre::LocalStore store(QByteArray::fromHex(argv[2]));
    if (!store.open(QString::fromLocal8Bit(argv[1])).ok())
        return 1;
    for (long n = 1;; ++n) {
        const QByteArray payload = "{\"edit\":" + QByteArray::number(qlonglong(n)) + ",\"pad\":\"" + QByteArray(512, 'x') + "\"}";
        if (!store.saveDraft(QStringLiteral("crash"), QStringLiteral("profile"), payload).ok())
            return 1;
        std::printf("%ld\n", n);
        std::fflush(stdout);
    }
}
