#pragma once

#include "Registration.h"

#include <QByteArray>
#include <optional>

namespace ncre::server {

class Catalog;
class Database;
class PaymentStore;
class ServerClock;

// A registration as stored: the domain Registration less what is derived (deadlines, payment, allowed actions).
struct RegistrationRow
{
    QString id;
    qint64 accountId = 0;
    QString examId;
    RegistrationState state = RegistrationState::Draft;
    QString agreementVersion;
    Profile profile;
    QString documentKey; // SHA-256 of type + number: uniqueness without indexing the number itself
    QString siteId;
    QStringList subjectIds;
    std::optional<PhotoInfo> photo;
    std::optional<ReviewInfo> review;
    std::optional<QDateTime> paymentDue;
    qint64 version = 0;
    QDateTime updatedAt;
};

// Loads, saves and renders registrations, and applies the time-driven transitions (expiry) that no request asks for.
class RegistrationStore
{
public:
    RegistrationStore(Database &db, ServerClock &clock, Catalog &catalog, PaymentStore &payments);

    std::optional<RegistrationRow> byAccount(qint64 accountId);
    std::optional<RegistrationRow> byId(const QString &id);
    std::optional<RegistrationRow> byDocumentKey(const QString &documentKey);
    // Inserts a new row or updates an existing one; bumps version and updatedAt.
    bool save(RegistrationRow &row, bool insert = false);

    // The registration as the API shows it: deadlines, payment and allowed actions derived here.
    Registration render(const RegistrationRow &row);
    // The ETag of the account's registration without loading it: what an unchanged poll needs (a 304 then costs one
    // small indexed read instead of the whole row with its photo).
    std::optional<QByteArray> etagOfAccount(qint64 accountId);
    QByteArray etag(const RegistrationRow &row) const;
    TransitionContext context(const RegistrationRow &row);

    // Returns the seats the row holds to their subjects. Call inside a transaction.
    bool releaseSeats(const RegistrationRow &row);
    // Takes one seat of a subject at a site; false when none is left (seats_left never goes below 0).
    bool takeSeat(const QString &siteId, const QString &subjectId);
    // The registrations of a site waiting for review, oldest request first.
    QStringList awaitingReview(const QString &siteId);
    // Records which staff account decided the review of `registrationId`, at `at`.
    bool recordDecision(const QString &registrationId, const QString &staff, const QDateTime &at);
    struct Decision
    {
        QString registrationId;
        QString decidedBy;
        QDateTime decidedAt;
    };
    // The site's reviews decided since `since`, newest first, at most `limit`.
    QList<Decision> decidedSince(const QString &siteId, const QDateTime &since, int limit);

    // The stored photo (the cleaned JPEG); empty when there is none. setPhoto() stores it beside the row's PhotoInfo.
    QByteArray photo(const QString &registrationId);
    bool setPhoto(const QString &registrationId, const QByteArray &jpeg);

    // A rendered PDF ("form" | "ticket") kept per registration version: the same bytes every time.
    struct StoredDocument
    {
        QByteArray pdf;
        QByteArray sha256Hex;
    };
    std::optional<StoredDocument> document(const QString &registrationId, const QString &kind, qint64 version);
    void keepDocument(const QString &registrationId, const QString &kind, qint64 version, const StoredDocument &document);
    // Expires approved registrations whose payment deadline passed (seats released, open orders expired).
    void sweepExpired();

    static QString documentKey(const Profile &profile);

private:
    std::optional<RegistrationRow> load(const QString &where, const QVariant &value);

    Database &m_db;
    ServerClock &m_clock;
    Catalog &m_catalog;
    PaymentStore &m_payments;
};

} // namespace ncre::server
