#include "ModuleLoader.h"

#include <QTest>

using namespace ncre;

// The modules that hold libcurl, Poppler and OpenCV are found and their entry points resolved; a missing module or
// entry point is a clear error naming what was looked for, never a crash.
class TestModuleLoader : public QObject
{
    Q_OBJECT

private slots:
    void testEveryModuleOfTheBuildLoads_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QByteArray>("symbol");
        QTest::newRow("libcurl") << QStringLiteral("ncre-transfer-curl") << QByteArray("ncre_create_transfer_backend");
        QTest::newRow("Poppler") << QStringLiteral("ncre-pdf-poppler") << QByteArray("ncre_pdf_load");
        QTest::newRow("OpenCV") << QStringLiteral("ncre-face-opencv") << QByteArray("ncre_create_face_model");
        QTest::newRow("libmagic") << QStringLiteral("ncre-sniff-magic") << QByteArray("ncre_sniff_mime");
    }
    void testEveryModuleOfTheBuildLoads()
    {
        QFETCH(QString, module);
        QFETCH(QByteArray, symbol);
        QString error;
        QVERIFY2(ModuleLoader::resolve(module, symbol.constData(), &error), qPrintable(error));
        QVERIFY(error.isEmpty());
    }

    void testMissingModuleSaysWhereItLooked()
    {
        qputenv("NCRE_MODULE_DIR", QByteArrayLiteral("/nonexistent/modules"));
        QString error;
        QVERIFY(!ModuleLoader::resolve(QStringLiteral("ncre-no-such-module"), "anything", &error));
        QVERIFY2(error.contains(QStringLiteral("ncre-no-such-module")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("/nonexistent/modules/ncre-no-such-module.so")), qPrintable(error));
        qunsetenv("NCRE_MODULE_DIR");
    }

    void testMissingEntryPointIsAnError()
    {
        QString error;
        QVERIFY(!ModuleLoader::resolve(QStringLiteral("ncre-pdf-poppler"), "ncre_no_such_function", &error));
        QVERIFY2(error.contains(QStringLiteral("ncre_no_such_function")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestModuleLoader)
#include "TestModuleLoader.moc"
