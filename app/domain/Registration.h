#pragma once

#include "JsonReader.h"
#include "Payment.h"
#include "Profile.h"
#include "RegistrationState.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ncre {

// What the server holds of the candidate's photo (never the pixels: those are fetched separately).
struct PhotoInfo
{
    QString sha256; // hex
    qint64 bytes = 0;
    int width = 0;
    int height = 0;
    QDateTime uploadedAt;

    static Result<PhotoInfo> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

enum class ReviewDecisionKind { Approve, Reject };
QString reviewDecisionName(ReviewDecisionKind kind);
std::optional<ReviewDecisionKind> reviewDecisionFromName(const QString &name);

// The site's review of the registration, where the site reviews.
struct ReviewInfo
{
    QDateTime requestedAt;
    std::optional<QDateTime> decidedAt;
    std::optional<ReviewDecisionKind> decision;
    QString reason; // why it was rejected

    static Result<ReviewInfo> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// Every deadline that concerns the candidate, in server time. Absent ones do not apply (yet).
struct Deadlines
{
    std::optional<QDateTime> registrationCloses;
    std::optional<QDateTime> paymentDue; // set when review approval starts the payment window
    std::optional<QDateTime> ticketOpens;
    std::optional<QDateTime> ticketCloses;
    std::optional<QDateTime> onSiteConfirmationBy;

    static Result<Deadlines> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// The candidate's registration: GET /registrations/current.
struct Registration
{
    QString id;
    QString examId;
    RegistrationState state = RegistrationState::Draft;
    QString agreementVersion;
    Profile profile;
    QString siteId; // empty until chosen
    QStringList subjectIds;
    std::optional<PhotoInfo> photo;
    std::optional<ReviewInfo> review;
    std::optional<PaymentOrder> payment;
    Deadlines deadlines;
    QList<RegistrationAction> allowedActions; // as the server computed them from the shared table
    qint64 version = 0;                       // increases with every change; the ETag derives from it
    QDateTime updatedAt;

    static Result<Registration> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

} // namespace ncre
