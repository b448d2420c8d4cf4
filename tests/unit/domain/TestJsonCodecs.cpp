#include "TestJsonCodecs.h"
#include "Account.h"
#include "Exam.h"
#include "Meta.h"
#include "Problem.h"
#include "Registration.h"
#include "Review.h"
#include "Site.h"
#include "Subject.h"

#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace ncre;

using RoundTripFn = std::function<ncre::Result<QJsonObject>(const QJsonObject &)>;
Q_DECLARE_METATYPE(RoundTripFn)

namespace {

QJsonObject parse(const char *json)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &e);
    if (e.error != QJsonParseError::NoError)
        qFatal("bad fixture: %s", qPrintable(e.errorString()));
    return doc.object();
}

// Decode strictly and encode again: the codec neither loses nor invents anything.
using RoundTrip = RoundTripFn;

template<typename T> RoundTrip roundTrip()
{
    return [](const QJsonObject &o) -> Result<QJsonObject> {
        Result<T> r = T::fromJson(o, JsonStrictness::Strict);
        if (!r)
            return r.error();
        return r->toJson();
    };
}

const char *kPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

QJsonObject registrationJson()
{
    return parse(R"({
        "id": "r-1", "examId": "2027-03", "state": "review_approved", "agreementVersion": "2027.1",
        "profile": {"name": "张三", "documentType": "resident_id", "documentNumber": "11010519491231002X",
                    "gender": "female", "birthDate": "1949-12-31", "mobile": "13812345678"},
        "siteId": "bj-01", "subjectIds": ["15", "66"],
        "photo": {"sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "bytes": 40000,
                  "width": 330, "height": 480, "uploadedAt": "2026-11-20T08:00:00Z"},
        "review": {"requestedAt": "2026-11-20T09:00:00Z", "decidedAt": "2026-11-21T09:00:00Z",
                   "decision": "approve"},
        "payment": {"id": "o-1", "status": "open", "amountFen": 17000, "createdAt": "2026-11-21T10:00:00Z",
                    "expiresAt": "2026-11-22T09:00:00Z", "payUrl": "https://pay.example.cn/o-1"},
        "deadlines": {"registrationCloses": "2026-12-10T16:00:00Z", "paymentDue": "2026-11-22T09:00:00Z"},
        "allowedActions": ["create_payment", "confirm_payment", "download_form", "expire"],
        "version": 7, "updatedAt": "2026-11-21T10:00:00Z"})");
}

} // namespace

void TestJsonCodecs::testRoundTrip_data()
{
    QTest::addColumn<RoundTrip>("codec");
    QTest::addColumn<QJsonObject>("json");
    QTest::addRow("exam") << roundTrip<Exam>() << parse(R"({"id": "2027-03", "name": "2027年3月全国计算机等级考试",
            "registration": {"opens": "2026-11-20T00:00:00Z", "closes": "2026-12-10T16:00:00Z"},
            "ticketPrint": {"opens": "2027-03-20T00:00:00Z", "closes": "2027-03-29T16:00:00Z"},
            "examStarts": "2027-03-27T01:00:00Z", "limits": {"maxSubjectsPerCandidate": 3, "paymentHours": 24},
            "agreementVersion": "2027.1", "agreementText": "报名协议……"})");
    QTest::addRow("site with notice") << roundTrip<Site>() << parse(R"({"id": "bj-01", "name": "北京理工大学考点",
            "district": "海淀区", "address": "中关村南大街5号", "phone": "010-68912345", "reviewRequired": true,
            "onSiteConfirmation": {"notice": "请携带身份证原件到考点确认。", "deadline": "2026-12-15T09:00:00Z"}})");
    QTest::addRow("site without notice") << roundTrip<Site>() << parse(R"({"id": "bj-02", "name": "考点二",
            "district": "朝阳区", "address": "建国路1号", "reviewRequired": false})");
    QTest::addRow("subject") << roundTrip<Subject>() << parse(R"({"id": "65", "name": "二级C语言程序设计",
            "level": 2, "feeFen": 9000, "seatsTotal": 30, "seatsLeft": 0, "examTime": "2027-03-27T01:00:00Z",
            "durationMinutes": 120})");
    QTest::addRow("registration") << roundTrip<Registration>() << registrationJson();
    QTest::addRow("draft registration") << roundTrip<Registration>() << parse(R"({"id": "r-2", "examId": "e",
            "state": "draft", "agreementVersion": "1", "profile": {}, "subjectIds": [], "deadlines": {},
            "allowedActions": ["edit_profile"], "version": 0, "updatedAt": "2026-11-21T10:00:00Z"})");
    QTest::addRow("paid order") << roundTrip<PaymentOrder>() << parse(R"({"id": "o-1", "status": "paid",
            "amountFen": 9000, "createdAt": "2026-11-21T10:00:00Z", "expiresAt": "2026-11-22T10:00:00Z",
            "paidAt": "2026-11-21T10:05:00Z", "payUrl": "http://127.0.0.1:8080/pay/o-1"})");
    QTest::addRow("meta") << roundTrip<Meta>()
                          << QJsonObject {{"serverTime", "2026-11-25T08:00:00Z"},
                                          {"apiVersion", "1.0"},
                                          {"photoSpec", PhotoSpec::ncreDefault().toJson()},
                                          {"loginProviders", QJsonArray {"password", "qq"}}};
    QTest::addRow("captcha") << roundTrip<Captcha>()
                             << QJsonObject {{"id", "c-1"}, {"imagePng", kPng}, {"expiresAt", "2026-11-25T08:05:00Z"}};
    QTest::addRow("bulletin") << roundTrip<Bulletin>() << parse(R"({"id": "a-1", "kind": "announcement",
            "title": "网上报名公告", "bodyHtml": "<p>报名时间……</p>", "publishedAt": "2026-11-01T00:00:00Z"})");
    QTest::addRow("session") << roundTrip<Session>() << parse(R"({"accessToken": "a", "refreshToken": "r",
            "tokenType": "Bearer", "expiresIn": 900, "account": {"username": "zhangsan", "role": "candidate"}})");
    QTest::addRow("staff session") << roundTrip<Session>() << parse(R"({"accessToken": "a", "refreshToken": "r",
            "tokenType": "Bearer", "expiresIn": 900, "account": {"username": "staff1", "role": "staff",
            "siteId": "bj-01"}})");
    QTest::addRow("password login") << roundTrip<LoginRequest>() << parse(R"({"username": "zhangsan",
            "password": "Secret-123", "captchaId": "c-1", "captchaAnswer": "7XK2"})");
    QTest::addRow("qq login") << roundTrip<LoginRequest>() << parse(R"({"oneTimeCode": "abc",
            "codeVerifier": "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"})");
    QTest::addRow("account registration") << roundTrip<AccountRegistration>() << parse(R"({"username": "zhangsan",
            "password": "Secret-123", "captchaId": "c-1", "captchaAnswer": "7XK2"})");
    QTest::addRow("password change") << roundTrip<PasswordChange>() << parse(R"({"currentPassword": "a",
            "newPassword": "b"})");
    QTest::addRow("refresh") << roundTrip<RefreshRequest>() << parse(R"({"refreshToken": "r"})");
    QTest::addRow("review item") << roundTrip<ReviewQueueItem>() << parse(R"({"registrationId": "r-1",
            "candidateName": "张三", "documentNumberMasked": "1101**********002X", "subjectIds": ["15"],
            "requestedAt": "2026-11-20T09:00:00Z"})");
    QTest::addRow("rejection") << roundTrip<ReviewDecision>() << parse(R"({"decision": "reject",
            "reason": "照片背景不符合要求"})");
    QTest::addRow("problem") << roundTrip<Problem>() << parse(R"({"type": "urn:ncre:problem:json.missing",
            "title": "json.missing", "status": 422, "code": "json.missing", "detail": "d",
            "errors": [{"field": "name", "code": "field.required", "message": "m"}]})");
    QTest::addRow("busy problem") << roundTrip<Problem>() << parse(R"({"type": "urn:ncre:problem:server.busy",
            "title": "server.busy", "status": 503, "code": "server.busy", "retryAfter": 30})");
}

void TestJsonCodecs::testRoundTrip()
{
    QFETCH(RoundTrip, codec);
    QFETCH(QJsonObject, json);
    const Result<QJsonObject> r = codec(json);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : errorCodeName(r.error().code) + " at " + r.error().field));
    QCOMPARE(r.value(), json);
}

// Malformed or out-of-range input is refused with the code and the path of the first problem.
void TestJsonCodecs::testMalformed_data()
{
    QTest::addColumn<RoundTrip>("codec");
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("path");
    const QJsonObject reg = registrationJson();
    auto with = [](QJsonObject o, const QString &key, const QJsonValue &v) {
        o.insert(key, v);
        return o;
    };
    auto without = [](QJsonObject o, const QString &key) {
        o.remove(key);
        return o;
    };
    auto nestedWith = [](QJsonObject o, const QString &outer, const QString &key, const QJsonValue &v) {
        QJsonObject inner = o.value(outer).toObject();
        inner.insert(key, v);
        o.insert(outer, inner);
        return o;
    };
    const auto R = roundTrip<Registration>();
    QTest::addRow("missing id") << R << without(reg, "id") << "json.missing"
                                << "id";
    QTest::addRow("null id") << R << with(reg, "id", QJsonValue::Null) << "json.missing"
                             << "id";
    QTest::addRow("id number") << R << with(reg, "id", 5) << "json.type"
                               << "id";
    QTest::addRow("unknown state") << R << with(reg, "state", "approved") << "json.value"
                                   << "state";
    QTest::addRow("version negative") << R << with(reg, "version", -1) << "json.range"
                                      << "version";
    QTest::addRow("version fractional") << R << with(reg, "version", 1.5) << "json.type"
                                        << "version";
    QTest::addRow("version as string") << R << with(reg, "version", "7") << "json.type"
                                       << "version";
    QTest::addRow("date without zone") << R << with(reg, "updatedAt", "2026-11-21T10:00:00") << "json.value"
                                       << "updatedAt";
    QTest::addRow("date only") << R << with(reg, "updatedAt", "2026-11-21") << "json.value"
                               << "updatedAt";
    QTest::addRow("date garbage") << R << with(reg, "updatedAt", "yesterday") << "json.value"
                                  << "updatedAt";
    QTest::addRow("subject ids not array") << R << with(reg, "subjectIds", "15") << "json.type"
                                           << "subjectIds";
    QTest::addRow("subject id number") << R << with(reg, "subjectIds", QJsonArray {15}) << "json.type"
                                       << "subjectIds[0]";
    QTest::addRow("profile not object") << R << with(reg, "profile", "x") << "json.type"
                                        << "profile";
    QTest::addRow("profile field number") << R << nestedWith(reg, "profile", "name", 1) << "json.type"
                                          << "profile.name";
    QTest::addRow("profile unknown field") << R << nestedWith(reg, "profile", "nmae", "x") << "json.unknownField"
                                           << "profile.nmae";
    QTest::addRow("unknown top-level field") << R << with(reg, "extra", 1) << "json.unknownField"
                                             << "extra";
    QTest::addRow("photo hash upper case")
        << R << nestedWith(reg, "photo", "sha256", QString(64, QLatin1Char('A'))) << "json.value"
        << "photo.sha256";
    QTest::addRow("payment negative amount") << R << nestedWith(reg, "payment", "amountFen", -100) << "json.range"
                                             << "payment.amountFen";
    QTest::addRow("payment javascript url")
        << R << nestedWith(reg, "payment", "payUrl", "javascript:alert(1)") << "json.value"
        << "payment.payUrl";
    QTest::addRow("review decision without date")
        << R << nestedWith(reg, "review", "decidedAt", QJsonValue::Null) << "json.missing"
        << "review.decidedAt";

    const QJsonObject exam = parse(R"({"id": "e", "name": "n",
            "registration": {"opens": "2026-12-10T00:00:00Z", "closes": "2026-11-20T00:00:00Z"},
            "ticketPrint": {"opens": "2027-03-20T00:00:00Z", "closes": "2027-03-29T16:00:00Z"},
            "examStarts": "2027-03-27T01:00:00Z", "limits": {"maxSubjectsPerCandidate": 3, "paymentHours": 24},
            "agreementVersion": "1", "agreementText": "t"})");
    QTest::addRow("window closes before it opens") << roundTrip<Exam>() << exam << "json.range"
                                                   << "registration.closes";
    QJsonObject examZeroCap = exam;
    examZeroCap.insert("registration", parse(R"({"opens": "2026-11-20T00:00:00Z",
            "closes": "2026-12-10T00:00:00Z"})"));
    examZeroCap.insert("limits", parse(R"({"maxSubjectsPerCandidate": 0, "paymentHours": 24})"));
    QTest::addRow("subject cap zero") << roundTrip<Exam>() << examZeroCap << "json.range"
                                      << "limits.maxSubjectsPerCandidate";

    QTest::addRow("seats left above total") << roundTrip<Subject>() << parse(R"({"id": "65", "name": "n",
            "level": 2, "feeFen": 9000, "seatsTotal": 3, "seatsLeft": 4, "examTime": "2027-03-27T01:00:00Z",
            "durationMinutes": 120})") << "json.range"
                                            << "seatsLeft";
    QTest::addRow("level 5") << roundTrip<Subject>() << parse(R"({"id": "65", "name": "n",
            "level": 5, "feeFen": 9000, "seatsTotal": 3, "seatsLeft": 3, "examTime": "2027-03-27T01:00:00Z",
            "durationMinutes": 120})")
                             << "json.range"
                             << "level";
    QTest::addRow("captcha not png") << roundTrip<Captcha>()
                                     << QJsonObject {{"id", "c"},
                                                     {"imagePng", "aGVsbG8="},
                                                     {"expiresAt", "2026-11-25T08:05:00Z"}}
                                     << "json.value"
                                     << "imagePng";
    QTest::addRow("captcha not base64") << roundTrip<Captcha>()
                                        << QJsonObject {{"id", "c"},
                                                        {"imagePng", "!!!"},
                                                        {"expiresAt", "2026-11-25T08:05:00Z"}}
                                        << "json.value"
                                        << "imagePng";
    QTest::addRow("token type") << roundTrip<Session>() << parse(R"({"accessToken": "a", "refreshToken": "r",
            "tokenType": "MAC", "expiresIn": 900, "account": {"username": "u", "role": "candidate"}})")
                                << "json.value"
                                << "tokenType";
    QTest::addRow("staff without site") << roundTrip<Session>() << parse(R"({"accessToken": "a",
            "refreshToken": "r", "tokenType": "Bearer", "expiresIn": 900, "account": {"username": "u",
            "role": "staff"}})") << "json.missing"
                                        << "account.siteId";
    QTest::addRow("short pkce verifier") << roundTrip<LoginRequest>()
                                         << parse(R"({"oneTimeCode": "abc", "codeVerifier": "short"})") << "json.range"
                                         << "codeVerifier";
    QTest::addRow("login without captcha")
        << roundTrip<LoginRequest>() << parse(R"({"username": "u", "password": "p"})") << "json.missing"
        << "captchaId";
    QTest::addRow("rejection without reason")
        << roundTrip<ReviewDecision>() << parse(R"({"decision": "reject", "reason": "  "})") << "field.required"
        << "reason";
    QTest::addRow("problem status 42") << roundTrip<Problem>() << parse(R"({"status": 42, "code": "x"})")
                                       << "json.range"
                                       << "status";
    QTest::addRow("problem errors not objects")
        << roundTrip<Problem>() << parse(R"({"status": 422, "code": "x", "errors": ["a"]})") << "json.type"
        << "errors[0]";
    QTest::addRow("oversized string") << roundTrip<RefreshRequest>()
                                      << QJsonObject {{"refreshToken", QString(300, QLatin1Char('a'))}} << "json.range"
                                      << "refreshToken";
}

void TestJsonCodecs::testMalformed()
{
    QFETCH(RoundTrip, codec);
    QFETCH(QJsonObject, json);
    QFETCH(QString, code);
    QFETCH(QString, path);
    const Result<QJsonObject> r = codec(json);
    QVERIFY(!r.ok());
    QCOMPARE(errorCodeName(r.error().code), code);
    QCOMPARE(r.error().field, path);
}

void TestJsonCodecs::testLenientAcceptsNewerServers()
{
    QJsonObject reg = registrationJson();
    reg.insert("futureField", true);
    reg.insert("allowedActions", QJsonArray {"download_form", "teleport"});
    const Result<Registration> r = Registration::fromJson(reg, JsonStrictness::Lenient);
    QVERIFY(r.ok());
    QCOMPARE(r->allowedActions.size(), 1);
    QVERIFY(!Registration::fromJson(reg, JsonStrictness::Strict).ok());
}

void TestJsonCodecs::testParseObject_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");
    QTest::addRow("empty") << QByteArray() << "json.syntax";
    QTest::addRow("truncated") << QByteArray("{\"a\": ") << "json.syntax";
    QTest::addRow("array") << QByteArray("[1, 2]") << "json.notObject";
    QTest::addRow("trailing garbage") << QByteArray("{} x") << "json.syntax";
    QTest::addRow("binary") << QByteArray("\xff\xfe\x00\x01", 4) << "json.syntax";
    QTest::addRow("object") << QByteArray("{\"a\": 1}") << "";
}

void TestJsonCodecs::testParseObject()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);
    const Result<QJsonObject> r = JsonReader::parseObject(bytes);
    QCOMPARE(r.ok(), code.isEmpty());
    if (!r.ok())
        QCOMPARE(errorCodeName(r.error().code), code);
}

void TestJsonCodecs::testDatesNormalisedToUtc()
{
    const QJsonObject json = parse(R"({"opens": "2026-11-20T08:00:00+08:00", "closes": "2026-11-21T00:00:00Z"})");
    const Result<TimeWindow> w = TimeWindow::fromJson(json, JsonStrictness::Strict);
    QVERIFY(w.ok());
    QCOMPARE(w->opens, QDateTime(QDate(2026, 11, 20), QTime(0, 0), Qt::UTC));
    QCOMPARE(w->toJson().value("opens").toString(), QStringLiteral("2026-11-20T00:00:00Z"));
}

void TestJsonCodecs::testProblemFromError()
{
    const Problem p = Problem::fromError(Error(ErrorCode::AccountDocumentTaken, "documentNumber", "held by zh***99"));
    QCOMPARE(p.status, 409);
    QCOMPARE(p.codeName, QStringLiteral("account.documentTaken"));
    QCOMPARE(p.errors.size(), 1);
    const Result<Problem> again = Problem::fromJson(p.toJson(), JsonStrictness::Strict);
    QVERIFY(again.ok());
    QCOMPARE(again->code, ErrorCode::AccountDocumentTaken);
    QCOMPARE(again->errors.first().field, QStringLiteral("documentNumber"));
}

void TestJsonCodecs::testUnknownProblemCodeKept()
{
    const Result<Problem> p
        = Problem::fromJson(parse(R"({"status": 418, "code": "teapot.brewing"})"), JsonStrictness::Lenient);
    QVERIFY(p.ok());
    QCOMPARE(p->code, ErrorCode::ServerInternal);
    QCOMPARE(p->codeName, QStringLiteral("teapot.brewing"));
}

QTEST_GUILESS_MAIN(TestJsonCodecs)
