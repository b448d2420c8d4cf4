#pragma once

#include "Registration.h"

#include <QByteArray>
#include <optional>

namespace ncre::server {

class Catalog;
class Database;
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
    RegistrationStore(Database &db, ServerClock &clock, Catalog &catalog);

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

    std::optional<PaymentOrder> openOrder(const QString &registrationId);
    std::optional<PaymentOrder> latestOrder(const QString &registrationId);
    std::optional<PaymentOrder> order(const QString &orderId);

    // Returns the seats the row holds to their subjects. Call inside a transaction.
    bool releaseSeats(const RegistrationRow &row);
    // Expires approved registrations whose payment deadline passed (seats released, open orders expired).
    void sweepExpired();

    static QString documentKey(const Profile &profile);
    // Where the payment platform pages are served, for PaymentOrder::payUrl ("http://127.0.0.1:8080").
    void setPublicBaseUrl(const QString &url) { m_publicBaseUrl = url; }

private:
    std::optional<RegistrationRow> load(const QString &where, const QVariant &value);
    std::optional<PaymentOrder> loadOrder(const QString &where, const QVariantList &values);

    Database &m_db;
    ServerClock &m_clock;
    Catalog &m_catalog;
    QString m_publicBaseUrl;
};

} // namespace ncre::server
