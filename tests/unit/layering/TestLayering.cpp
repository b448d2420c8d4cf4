#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

// Architecture §2: nothing under app/ knows a widget exists, so the whole flow runs headless.
class TestLayering : public QObject
{
    Q_OBJECT

private:
    static QStringList offending(const QString &root, const QStringList &nameFilters, const QRegularExpression &re)
    {
        QStringList hits;
        QDirIterator it(root, nameFilters, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QString text = QString::fromUtf8(f.readAll());
            if (re.match(text).hasMatch())
                hits << QDir(root).relativeFilePath(path);
        }
        return hits;
    }

private slots:
    void testNoWidgetsIncludeUnderApp()
    {
        const QString app = QStringLiteral(NCRE_SOURCE_DIR "/app");
        QVERIFY(QDir(app).exists());
        const QRegularExpression widgets(QStringLiteral(
            "#\\s*include\\s*[<\"](QtWidgets/|QWidget|QDialog|QMainWindow|QApplication|QMessageBox|QLabel)\\b"));
        QCOMPARE(offending(app, {"*.h", "*.cpp"}, widgets), QStringList());
    }

    void testNoWidgetsLinkedUnderApp()
    {
        const QString app = QStringLiteral(NCRE_SOURCE_DIR "/app");
        const QRegularExpression link(QStringLiteral("Qt6?::Widgets|Widgets\\b.*COMPONENTS|COMPONENTS.*\\bWidgets"));
        QCOMPARE(offending(app, {"CMakeLists.txt", "*.cmake"}, link), QStringList());
    }

    void testDomainUsesOnlyQtCore()
    {
        const QString domain = QStringLiteral(NCRE_SOURCE_DIR "/app/domain");
        const QRegularExpression beyondCore(QStringLiteral(
            "#\\s*include\\s*[<\"](QtGui/|QtNetwork/|QtSql/|QImage|QColor|QPixmap|QNetwork|QSql)"));
        QCOMPARE(offending(domain, {"*.h", "*.cpp"}, beyondCore), QStringList());
    }

    // Issue 14's shape: routes reach the database only through the stores (AccountStore, SessionStore,
    // PaymentStore, RegistrationStore, ...), so each table's SQL and each limit lives in one place. Test hooks may
    // count rows and cap the file (they drive the server, they are not the API).
    void testServerRoutesHoldNoSql()
    {
        const QString server = QStringLiteral(NCRE_SOURCE_DIR "/server");
        const QRegularExpression sql(QStringLiteral(
            "\\bdb\\.(run|scalar)\\s*\\(|QSqlQuery|\\b(SELECT|INSERT|UPDATE|DELETE)\\s+[A-Z*]"));
        QStringList routes = offending(server, {"*Routes.cpp"}, sql);
        routes.removeAll(QStringLiteral("TestHookRoutes.cpp"));
        QCOMPARE(routes, QStringList());
    }

    // A packaged server (NCRE_TEST_HOOKS=OFF, issue 15) has no fault-injection or test-hook code: whatever names
    // them outside the test-only files is behind the NCRE_TEST_HOOKS guard.
    void testFaultInjectionOnlyInTestBuilds()
    {
        const QString server = QStringLiteral(NCRE_SOURCE_DIR "/server");
        const QStringList testOnly = {QStringLiteral("FaultInjector.h"), QStringLiteral("FaultInjector.cpp"),
                                      QStringLiteral("TestHookRoutes.cpp")};
        QDirIterator it(server, {"*.h", "*.cpp"}, QDir::Files);
        while (it.hasNext()) {
            const QString path = it.next();
            if (testOnly.contains(QFileInfo(path).fileName()))
                continue;
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            int guardDepth = 0; // inside #ifdef NCRE_TEST_HOOKS (nesting counted)
            int depth = 0;
            QList<int> guards;
            int lineNo = 0;
            for (const QByteArray &raw : f.readAll().split('\n')) {
                ++lineNo;
                const QByteArray line = raw.trimmed();
                if (line.startsWith("#if")) {
                    ++depth;
                    if (line.contains("NCRE_TEST_HOOKS") && !line.startsWith("#ifndef"))
                        guards.append(depth), ++guardDepth;
                } else if (line.startsWith("#endif")) {
                    if (!guards.isEmpty() && guards.last() == depth)
                        guards.removeLast(), --guardDepth;
                    --depth;
                }
                const bool names = line.contains("FaultInjector") || line.contains("registerTestHookRoutes");
                if (names && guardDepth == 0 && !line.startsWith("//"))
                    QFAIL(qPrintable(QStringLiteral("%1:%2 uses test-only code outside #ifdef NCRE_TEST_HOOKS")
                                         .arg(QFileInfo(path).fileName())
                                         .arg(lineNo)));
            }
        }
        const QString cmake = QStringLiteral(NCRE_SOURCE_DIR "/server/CMakeLists.txt");
        QFile f(cmake);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        const qsizetype guarded = text.indexOf(QStringLiteral("if(NCRE_TEST_HOOKS)"));
        QVERIFY(guarded > 0);
        for (const QString &name : testOnly)
            QVERIFY2(text.indexOf(name) > guarded, qPrintable(name + QStringLiteral(" is compiled outside if(NCRE_TEST_HOOKS)")));
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "TestLayering.moc"
