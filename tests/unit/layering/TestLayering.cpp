#include <QDirIterator>
#include <QFile>
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
};

QTEST_GUILESS_MAIN(TestLayering)
#include "TestLayering.moc"
