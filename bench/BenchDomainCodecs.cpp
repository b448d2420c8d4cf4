#include "Profile.h"
#include "ProfileRules.h"
#include "Registration.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace ncre;

// What the domain layer adds on top of Qt's JSON parser when the client decodes a polled registration, and what
// validating a whole profile costs per keystroke. The floor is QJsonDocument::fromJson of the same bytes.
class BenchDomainCodecs : public QObject
{
    Q_OBJECT

private:
    QByteArray m_registration;
    Profile m_profile;

private slots:
    void initTestCase()
    {
        QFile file(NCRE_BENCH_DATA "/registration.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_registration = file.readAll();
        const Result<QJsonObject> o = JsonReader::parseObject(m_registration);
        QVERIFY(o.ok());
        const Result<Registration> r = Registration::fromJson(*o, JsonStrictness::Strict);
        QVERIFY(r.ok());
        m_profile = r->profile;
    }

    void floorParseOnly()
    {
        QBENCHMARK {
            const QJsonDocument doc = QJsonDocument::fromJson(m_registration);
            QVERIFY(doc.isObject());
        }
    }

    void parseAndDecodeRegistration()
    {
        QBENCHMARK {
            const Result<QJsonObject> o = JsonReader::parseObject(m_registration);
            const Result<Registration> r = Registration::fromJson(*o, JsonStrictness::Strict);
            QVERIFY(r.ok());
        }
    }

    void validateWholeProfile()
    {
        const QDate today(2026, 11, 25);
        QBENCHMARK {
            QVERIFY(ProfileRules::validate(m_profile, today).isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(BenchDomainCodecs)
#include "BenchDomainCodecs.moc"
