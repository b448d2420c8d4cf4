#include "DocumentNumber.h"

#include <QTest>

using namespace ncre;

Q_DECLARE_METATYPE(ncre::DocumentType)
Q_DECLARE_METATYPE(ncre::ErrorCode)

class TestDocumentNumber : public QObject
{
    Q_OBJECT

private:
    const QDate m_today{2026, 11, 25};

private slots:
    void testCheckCharacter_data()
    {
        QTest::addColumn<QString>("first17");
        QTest::addColumn<QChar>("expected");
        // GB 11643-1999's own examples.
        QTest::addRow("standard example X") << "11010519491231002" << QChar(QLatin1Char('X'));
        QTest::addRow("standard example 1880") << "44052418800101001" << QChar(QLatin1Char('4'));
        QTest::addRow("check 0") << "32010620000229123" << QChar(QLatin1Char('0'));
        QTest::addRow("too short") << "1101051949123100" << QChar();
        QTest::addRow("letter inside") << "1101051949123100A" << QChar();
    }
    void testCheckCharacter()
    {
        QFETCH(QString, first17);
        QFETCH(QChar, expected);
        QCOMPARE(DocumentNumber::checkCharacter(first17), expected);
    }

    void testResidentIdValid_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("normalized");
        QTest::addColumn<QDate>("birth");
        QTest::addColumn<bool>("male");
        QTest::addRow("standard 11010519491231002X") << "11010519491231002X" << "11010519491231002X" << QDate(1949, 12, 31) << false;
        QTest::addRow("standard 440524188001010014") << "440524188001010014" << "440524188001010014" << QDate(1880, 1, 1) << true;
        QTest::addRow("leap day 2000") << "320106200002291230" << "320106200002291230" << QDate(2000, 2, 29) << true;
        QTest::addRow("lowercase x upper-cased") << "11010519491231002x" << "11010519491231002X" << QDate(1949, 12, 31) << false;
        QTest::addRow("surrounding spaces trimmed") << "  440524188001010014 " << "440524188001010014" << QDate(1880, 1, 1) << true;
        QTest::addRow("full-width digits folded") << QString::fromUtf8("４４０５２４１８８００１０１００１４")
                                                  << "440524188001010014" << QDate(1880, 1, 1) << true;
        QTest::addRow("Xinjiang region") << "650102201010105675" << "650102201010105675" << QDate(2010, 10, 10) << true;
    }
    void testResidentIdValid()
    {
        QFETCH(QString, input);
        QFETCH(QString, normalized);
        QFETCH(QDate, birth);
        QFETCH(bool, male);
        const Result<DocumentInfo> r = DocumentNumber::parse(DocumentType::ResidentId, input, m_today);
        QVERIFY2(r.ok(), qPrintable(errorCodeName(r.ok() ? ErrorCode::Count : r.error().code)));
        QCOMPARE(r->normalized, normalized);
        QCOMPARE(r->birthDate.value(), birth);
        QVERIFY(r->gender.value() == (male ? Gender::Male : Gender::Female));
    }

    void testInvalid_data()
    {
        QTest::addColumn<DocumentType>("type");
        QTest::addColumn<QString>("input");
        QTest::addColumn<ErrorCode>("code");
        const auto id = DocumentType::ResidentId;
        QTest::addRow("empty") << id << "" << ErrorCode::FieldRequired;
        QTest::addRow("blank") << id << "   " << ErrorCode::FieldRequired;
        QTest::addRow("17 characters") << id << "11010519491231002" << ErrorCode::IdLength;
        QTest::addRow("19 characters") << id << "11010519491231002X1" << ErrorCode::IdLength;
        QTest::addRow("old 15-digit id") << id << "110105491231002" << ErrorCode::IdLength;
        QTest::addRow("letter inside") << id << "1101051949123A002X" << ErrorCode::IdCharacters;
        QTest::addRow("X not last") << id << "X10105194912310021" << ErrorCode::IdCharacters;
        QTest::addRow("wrong check digit") << id << "110105194912310021" << ErrorCode::IdChecksum;
        QTest::addRow("swapped digits") << id << "440524188001010104" << ErrorCode::IdChecksum;
        QTest::addRow("Feb 30") << id << "110105202302300016" << ErrorCode::IdBirthDate;
        QTest::addRow("month 13") << id << "110105200013010012" << ErrorCode::IdBirthDate;
        QTest::addRow("born in 2038") << id << "110105203801010018" << ErrorCode::IdBirthDateFuture;
        QTest::addRow("region 99") << id << "990105194912310023" << ErrorCode::IdRegion;
        QTest::addRow("residence permit as resident id") << id << "810000199901010014" << ErrorCode::IdRegion;
        QTest::addRow("residence permit wrong region") << DocumentType::HmtResidencePermit << "11010519491231002X"
                                                       << ErrorCode::IdRegion;
        QTest::addRow("HK permit lowercase ok, too short") << DocumentType::HkMacauPermit << "H1234567" << ErrorCode::DocumentFormat;
        QTest::addRow("HK permit wrong letter") << DocumentType::HkMacauPermit << "A12345678" << ErrorCode::DocumentFormat;
        QTest::addRow("Taiwan permit 9 digits") << DocumentType::TaiwanPermit << "123456789" << ErrorCode::DocumentFormat;
        QTest::addRow("passport with space") << DocumentType::Passport << "E 1234567" << ErrorCode::DocumentFormat;
        QTest::addRow("passport too short") << DocumentType::Passport << "E12" << ErrorCode::DocumentFormat;
        QTest::addRow("foreign PR wrong check") << DocumentType::ForeignPermanentResidentId << "910000200001010017"
                                                << ErrorCode::IdChecksum;
        QTest::addRow("foreign PR old card bad") << DocumentType::ForeignPermanentResidentId << "US1234567890123"
                                                 << ErrorCode::DocumentFormat;
    }
    void testInvalid()
    {
        QFETCH(DocumentType, type);
        QFETCH(QString, input);
        QFETCH(ErrorCode, code);
        const Result<DocumentInfo> r = DocumentNumber::parse(type, input, m_today);
        QVERIFY(!r.ok());
        QCOMPARE(errorCodeName(r.error().code), errorCodeName(code));
        QCOMPARE(r.error().field, QStringLiteral("documentNumber"));
    }

    void testOtherDocumentsValid_data()
    {
        QTest::addColumn<DocumentType>("type");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("normalized");
        QTest::addColumn<bool>("encodesBirth");
        QTest::addRow("HK permit card") << DocumentType::HkMacauPermit << "h12345678" << "H12345678" << false;
        QTest::addRow("Macau permit booklet") << DocumentType::HkMacauPermit << "M1234567890" << "M1234567890" << false;
        QTest::addRow("Taiwan permit card") << DocumentType::TaiwanPermit << "12345678" << "12345678" << false;
        QTest::addRow("Taiwan permit booklet") << DocumentType::TaiwanPermit << "1234567890" << "1234567890" << false;
        QTest::addRow("HK residence permit") << DocumentType::HmtResidencePermit << "810000199901010014"
                                             << "810000199901010014" << true;
        QTest::addRow("Macau residence permit") << DocumentType::HmtResidencePermit << "820000200001010024"
                                                << "820000200001010024" << true;
        QTest::addRow("Taiwan residence permit") << DocumentType::HmtResidencePermit << "830000198005150034"
                                                 << "830000198005150034" << true;
        QTest::addRow("Chinese passport") << DocumentType::Passport << "E12345678" << "E12345678" << false;
        QTest::addRow("foreign passport") << DocumentType::Passport << "x1234567" << "X1234567" << false;
        QTest::addRow("foreign PR 2023") << DocumentType::ForeignPermanentResidentId << "910000200001010018"
                                         << "910000200001010018" << true;
        QTest::addRow("foreign PR 2017") << DocumentType::ForeignPermanentResidentId << "USA123456789012"
                                         << "USA123456789012" << false;
    }
    void testOtherDocumentsValid()
    {
        QFETCH(DocumentType, type);
        QFETCH(QString, input);
        QFETCH(QString, normalized);
        QFETCH(bool, encodesBirth);
        const Result<DocumentInfo> r = DocumentNumber::parse(type, input, m_today);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : errorCodeName(r.error().code)));
        QCOMPARE(r->normalized, normalized);
        QCOMPARE(r->birthDate.has_value(), encodesBirth);
        QVERIFY(r->type == type);
    }

    void testMask_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("masked");
        QTest::addRow("resident id") << "11010519491231002X" << "**************002X";
        QTest::addRow("permit") << "H12345678" << "*****5678";
        QTest::addRow("eight") << "A1234567" << "****4567";
        QTest::addRow("seven") << "A123456" << "******6";
        QTest::addRow("tiny") << "123" << "***";
        QTest::addRow("empty") << "" << "";
    }
    void testMask()
    {
        QFETCH(QString, number);
        QFETCH(QString, masked);
        QCOMPARE(DocumentNumber::mask(number), masked);
        QVERIFY(number.size() < 4 || DocumentNumber::mask(number).count(QLatin1Char('*')) * 2 >= number.size());
    }

    void testDocumentTypeNamesRoundTrip()
    {
        for (auto t : {DocumentType::ResidentId, DocumentType::HkMacauPermit, DocumentType::TaiwanPermit,
                       DocumentType::HmtResidencePermit, DocumentType::Passport,
                       DocumentType::ForeignPermanentResidentId}) {
            QVERIFY(!documentTypeName(t).isEmpty());
            QVERIFY(documentTypeFromName(documentTypeName(t)) == t);
        }
        QVERIFY(!documentTypeFromName(QStringLiteral("RESIDENT_ID")));
        QVERIFY(!documentTypeFromName(QString()));
    }
};

QTEST_GUILESS_MAIN(TestDocumentNumber)
#include "TestDocumentNumber.moc"
