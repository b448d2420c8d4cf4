#include "Registration.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <limits>

namespace ncre {

namespace {

void insertOptional(QJsonObject &o, const char *key, const std::optional<QDateTime> &value)
{
    if (value)
        o.insert(QLatin1String(key), JsonFormat::dateTime(*value));
}

} // namespace

QString reviewDecisionName(ReviewDecisionKind kind)
{
    return kind == ReviewDecisionKind::Approve ? QStringLiteral("approve") : QStringLiteral("reject");
}

std::optional<ReviewDecisionKind> reviewDecisionFromName(const QString &name)
{
    if (name == QLatin1String("approve"))
        return ReviewDecisionKind::Approve;
    if (name == QLatin1String("reject"))
        return ReviewDecisionKind::Reject;
    return std::nullopt;
}

Result<PhotoInfo> PhotoInfo::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    JsonReader r(o, s, path);
    PhotoInfo p;
    p.sha256 = r.string("sha256", 64);
    p.bytes = r.integer("bytes", 1, 50 * 1024 * 1024);
    p.width = int(r.integer("width", 1, 20000));
    p.height = int(r.integer("height", 1, 20000));
    p.uploadedAt = r.dateTime("uploadedAt");
    if (r.ok() && !hex.match(p.sha256).hasMatch())
        r.fail(Error(ErrorCode::JsonValue, r.pathOf("sha256"), QStringLiteral("expected 64 lower-case hex digits")));
    return r.result(p);
}

QJsonObject PhotoInfo::toJson() const
{
    return {
        {QStringLiteral("sha256"), sha256},
        {QStringLiteral("bytes"), bytes},
        {QStringLiteral("width"), width},
        {QStringLiteral("height"), height},
        {QStringLiteral("uploadedAt"), JsonFormat::dateTime(uploadedAt)},
    };
}

Result<ReviewInfo> ReviewInfo::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    ReviewInfo v;
    v.requestedAt = r.dateTime("requestedAt");
    v.decidedAt = r.optionalDateTime("decidedAt");
    if (r.optionalString("decision", 16))
        v.decision = r.enumeration<ReviewDecisionKind>("decision", reviewDecisionFromName);
    v.reason = r.optionalString("reason", 500).value_or(QString());
    if (r.ok() && v.decision.has_value() != v.decidedAt.has_value())
        r.fail(Error(ErrorCode::JsonMissing, r.pathOf("decidedAt"), QStringLiteral("decision and decidedAt go together")));
    return r.result(v);
}

QJsonObject ReviewInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("requestedAt"), JsonFormat::dateTime(requestedAt)}};
    insertOptional(o, "decidedAt", decidedAt);
    if (decision)
        o.insert(QStringLiteral("decision"), reviewDecisionName(*decision));
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

Result<Deadlines> Deadlines::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    Deadlines d;
    d.registrationCloses = r.optionalDateTime("registrationCloses");
    d.paymentDue = r.optionalDateTime("paymentDue");
    d.ticketOpens = r.optionalDateTime("ticketOpens");
    d.ticketCloses = r.optionalDateTime("ticketCloses");
    d.onSiteConfirmationBy = r.optionalDateTime("onSiteConfirmationBy");
    return r.result(d);
}

QJsonObject Deadlines::toJson() const
{
    QJsonObject o;
    insertOptional(o, "registrationCloses", registrationCloses);
    insertOptional(o, "paymentDue", paymentDue);
    insertOptional(o, "ticketOpens", ticketOpens);
    insertOptional(o, "ticketCloses", ticketCloses);
    insertOptional(o, "onSiteConfirmationBy", onSiteConfirmationBy);
    return o;
}

Result<Registration> Registration::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    Registration reg;
    reg.id = r.string("id", 64);
    reg.examId = r.string("examId", 64);
    reg.state = r.enumeration<RegistrationState>("state", registrationStateFromName);
    reg.agreementVersion = r.string("agreementVersion", 64);
    reg.profile = r.nested<Profile>("profile");
    reg.siteId = r.optionalString("siteId", 64).value_or(QString());
    reg.subjectIds = r.stringList("subjectIds", 20, 16);
    reg.photo = r.optionalNested<PhotoInfo>("photo");
    reg.review = r.optionalNested<ReviewInfo>("review");
    reg.payment = r.optionalNested<PaymentOrder>("payment");
    reg.deadlines = r.nested<Deadlines>("deadlines");
    const QStringList actions = r.stringList("allowedActions", 32, 32);
    for (const QString &name : actions) {
        // A newer server may offer actions this build does not know; it cannot offer them to the user anyway.
        if (const auto a = registrationActionFromName(name))
            reg.allowedActions.append(*a);
        else if (s == JsonStrictness::Strict)
            r.fail(Error(ErrorCode::JsonValue, r.pathOf("allowedActions"), QStringLiteral("unknown action")));
    }
    reg.version = r.integer("version", 0, std::numeric_limits<qint32>::max());
    reg.updatedAt = r.dateTime("updatedAt");
    return r.result(reg);
}

QJsonObject Registration::toJson() const
{
    QJsonArray actions;
    for (const RegistrationAction a : allowedActions)
        actions.append(registrationActionName(a));
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("examId"), examId},
        {QStringLiteral("state"), registrationStateName(state)},
        {QStringLiteral("agreementVersion"), agreementVersion},
        {QStringLiteral("profile"), profile.toJson()},
        {QStringLiteral("subjectIds"), QJsonArray::fromStringList(subjectIds)},
        {QStringLiteral("deadlines"), deadlines.toJson()},
        {QStringLiteral("allowedActions"), actions},
        {QStringLiteral("version"), version},
        {QStringLiteral("updatedAt"), JsonFormat::dateTime(updatedAt)},
    };
    if (!siteId.isEmpty())
        o.insert(QStringLiteral("siteId"), siteId);
    if (photo)
        o.insert(QStringLiteral("photo"), photo->toJson());
    if (review)
        o.insert(QStringLiteral("review"), review->toJson());
    if (payment)
        o.insert(QStringLiteral("payment"), payment->toJson());
    return o;
}

} // namespace ncre
