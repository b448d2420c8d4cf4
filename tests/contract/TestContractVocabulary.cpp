#include "Error.h"
#include "RegistrationState.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace ncre;

// The wire vocabulary of app/domain (error codes, states, actions) and docs/openapi.yaml must not drift apart.
class TestContractVocabulary : public QObject
{
    Q_OBJECT

private:
    QString m_contract;

    // The items of the YAML flow sequence following `key:` inside the named schema.
    QStringList enumOf(const QString &schema)
    {
        const int at = m_contract.indexOf("    " + schema + ":\n");
        if (at < 0)
            return {};
        const int open = m_contract.indexOf("enum: [", at);
        const int close = m_contract.indexOf(']', open);
        QStringList items = m_contract.mid(open + 7, close - open - 7).split(',');
        for (QString &i : items)
            i = i.simplified();
        return items;
    }

private slots:
    void initTestCase()
    {
        QFile f(NCRE_SOURCE_DIR "/docs/openapi.yaml");
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_contract = QString::fromUtf8(f.readAll());
    }

    void testEveryServerErrorCodeIsDocumented()
    {
        for (int i = 0; i < int(ErrorCode::Count); ++i) {
            const QString name = errorCodeName(ErrorCode(i));
            if (name.startsWith("network.") || name.startsWith("store.") || name.startsWith("transfer.") || name.startsWith("print."))
                continue; // client-side only, never on the wire
            QVERIFY2(m_contract.contains(QRegularExpression("[ ,]" + QRegularExpression::escape(name) + "[,.]")),
                     qPrintable(name + " is missing from Problem.code in docs/openapi.yaml"));
        }
    }

    void testStatesMatch()
    {
        QStringList expected;
        for (int i = 0; i <= int(RegistrationState::Cancelled); ++i)
            expected << registrationStateName(RegistrationState(i));
        QCOMPARE(enumOf("RegistrationState"), expected);
    }

    void testActionsMatch()
    {
        QStringList expected;
        for (int i = 0; i <= int(RegistrationAction::DownloadTicket); ++i)
            expected << registrationActionName(RegistrationAction(i));
        QCOMPARE(enumOf("RegistrationAction"), expected);
    }
};

QTEST_GUILESS_MAIN(TestContractVocabulary)
#include "TestContractVocabulary.moc"
