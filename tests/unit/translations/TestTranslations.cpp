#include "ErrorText.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace ncre;

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString translation;
    bool unfinished = false;
};

QList<TsMessage> readTs(const QString &path)
{
    QList<TsMessage> messages;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&f);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            current = TsMessage{context, {}, {}, false};
        } else if (xml.name() == u"source") {
            current.source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            current.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages.append(current);
        }
    }
    return messages;
}

} // namespace

// zh_CN must be complete, current and loadable (DEVELOPERS: "user-facing strings through tr(), with zh_CN complete").
class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    // English is the source language: its file holds the plural forms only ("%n change(s)" read "1 change(s)" on
    // screen while one was missing), and every one must be there.
    void testEnglishPluralsComplete()
    {
        const QList<TsMessage> messages = readTs(NCRE_SOURCE_DIR "/translations/ncre_en.ts");
        QVERIFY(!messages.isEmpty());
        for (const TsMessage &m : messages) {
            QVERIFY2(!m.unfinished, qPrintable("unfinished: " + m.source));
            QVERIFY2(!m.translation.trimmed().isEmpty(), qPrintable("empty: " + m.source));
        }
    }

    void testZhCnComplete()
    {
        const QList<TsMessage> messages = readTs(NCRE_SOURCE_DIR "/translations/ncre_zh_CN.ts");
        QVERIFY(!messages.isEmpty());
        static const QRegularExpression placeholder(QStringLiteral("%[0-9]"));
        for (const TsMessage &m : messages) {
            QVERIFY2(!m.unfinished, qPrintable("unfinished: " + m.source));
            QVERIFY2(!m.translation.trimmed().isEmpty(), qPrintable("empty: " + m.source));
            // Every placeholder of the source survives translation.
            auto it = placeholder.globalMatch(m.source);
            while (it.hasNext()) {
                const QString p = it.next().captured();
                QVERIFY2(m.translation.contains(p), qPrintable(p + " lost in: " + m.source));
            }
        }
    }

    // Running lupdate over the sources now finds no string that the committed .ts lacks.
    void testTsFilesAreCurrent()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fresh = dir.filePath("fresh.ts");
        QStringList args;
        for (const char *d : {"app", "ui", "server"}) {
            const QString path = QStringLiteral(NCRE_SOURCE_DIR "/") + QLatin1String(d);
            if (QFile::exists(path))
                args << path;
        }
        args << "-ts" << fresh << "-source-language" << "en" << "-target-language" << "zh_CN";
        QProcess lupdate;
        lupdate.start(NCRE_LUPDATE, args);
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);

        QSet<QString> committed;
        for (const TsMessage &m : readTs(NCRE_SOURCE_DIR "/translations/ncre_zh_CN.ts"))
            committed.insert(m.context + '|' + m.source);
        const QList<TsMessage> current = readTs(fresh);
        QVERIFY(!current.isEmpty());
        for (const TsMessage &m : current)
            QVERIFY2(committed.contains(m.context + '|' + m.source),
                     qPrintable("not in ncre_zh_CN.ts (run scripts/update-translations): " + m.source));
    }

    void testCompiledTranslationLoads()
    {
        QTranslator translator;
        QVERIFY(translator.load(":/i18n/ncre_zh_CN.qm"));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QCOMPARE(ErrorText::message(ErrorCode::FieldRequired), QString::fromUtf8("此项为必填项。"));
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(ErrorText::message(ErrorCode::FieldRequired), QStringLiteral("This field is required."));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
