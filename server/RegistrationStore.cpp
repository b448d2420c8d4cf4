#include "RegistrationStore.h"

#include "Catalog.h"
#include "Database.h"
#include "PaymentStore.h"
#include "ServerClock.h"
#include "ServerLogging.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace ncre::server {

namespace {

// Text, not bytes: a TEXT column takes a QString on both backends (QPSQL would store a QByteArray's \x escape).
QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

template<typename T>
std::optional<T> decodeOptional(const QVariant &column)
{
    if (column.isNull() || column.toByteArray().isEmpty())
        return std::nullopt;
    const Result<QJsonObject> o = JsonReader::parseObject(column.toByteArray());
    if (!o)
        return std::nullopt;
    Result<T> t = T::fromJson(*o, JsonStrictness::Strict);
    if (!t)
        return std::nullopt;
    return std::move(t).value();
}

QDateTime fromSecs(const QVariant &v)
{
    return QDateTime::fromSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

constexpr auto kColumns = "id, account_id, exam_id, state, agreement_version, profile_json, document_key, site_id, "
                          "subject_ids, photo_json, review_json, payment_due, version, updated_at";

} // namespace

RegistrationStore::RegistrationStore(Database &db, ServerClock &clock, Catalog &catalog, PaymentStore &payments)
    : m_db(db)
    , m_clock(clock)
    , m_catalog(catalog)
    , m_payments(payments)
{
}

QString RegistrationStore::documentKey(const Profile &profile)
{
    const QByteArray material = (profile.value(ProfileField::DocumentType) + QLatin1Char('|')
                                 + profile.value(ProfileField::DocumentNumber))
                                    .toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(material, QCryptographicHash::Sha256).toHex());
}

std::optional<RegistrationRow> RegistrationStore::load(const QString &where, const QVariant &value)
{
    QSqlQuery q = m_db.run(QStringLiteral("SELECT %1 FROM registrations WHERE %2 = ?").arg(QLatin1String(kColumns), where),
                           {value});
    if (!q.next())
        return std::nullopt;
    RegistrationRow r;
    r.id = q.value(0).toString();
    r.accountId = q.value(1).toLongLong();
    r.examId = q.value(2).toString();
    r.state = registrationStateFromName(q.value(3).toString()).value_or(RegistrationState::Draft);
    r.agreementVersion = q.value(4).toString();
    r.profile = decodeOptional<Profile>(q.value(5)).value_or(Profile());
    r.documentKey = q.value(6).toString();
    r.siteId = q.value(7).toString();
    r.subjectIds = q.value(8).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    r.photo = decodeOptional<PhotoInfo>(q.value(9));
    r.review = decodeOptional<ReviewInfo>(q.value(10));
    if (!q.value(11).isNull())
        r.paymentDue = fromSecs(q.value(11));
    r.version = q.value(12).toLongLong();
    r.updatedAt = fromSecs(q.value(13));
    return r;
}

std::optional<RegistrationRow> RegistrationStore::byAccount(qint64 accountId)
{
    return load(QStringLiteral("account_id"), accountId);
}

std::optional<RegistrationRow> RegistrationStore::byId(const QString &id)
{
    return load(QStringLiteral("id"), id);
}

std::optional<RegistrationRow> RegistrationStore::byDocumentKey(const QString &documentKey)
{
    return load(QStringLiteral("document_key"), documentKey);
}

bool RegistrationStore::save(RegistrationRow &row, bool insert)
{
    row.version += 1;
    row.updatedAt = m_clock.now();
    const QVariantList values = {
        row.accountId,
        row.examId,
        registrationStateName(row.state),
        row.agreementVersion,
        compact(row.profile.toJson()),
        row.documentKey.isEmpty() ? QVariant() : QVariant(row.documentKey),
        row.siteId.isEmpty() ? QVariant() : QVariant(row.siteId),
        row.subjectIds.isEmpty() ? QStringLiteral("") : row.subjectIds.join(QLatin1Char(',')), // NOT NULL
        row.photo ? QVariant(compact(row.photo->toJson())) : QVariant(),
        row.review ? QVariant(compact(row.review->toJson())) : QVariant(),
        row.paymentDue ? QVariant(row.paymentDue->toSecsSinceEpoch()) : QVariant(),
        row.version,
        row.updatedAt.toSecsSinceEpoch(),
        row.id,
    };
    // In a savepoint: a document number another registration holds fails the UNIQUE constraint, which the route
    // answers, and the request's transaction goes on.
    return insert
        ? m_db.attempt(QStringLiteral("INSERT INTO registrations (account_id, exam_id, state, agreement_version, "
                                  "profile_json, document_key, site_id, subject_ids, photo_json, review_json, "
                                  "payment_due, version, updated_at, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
                   values)
        : m_db.attempt(QStringLiteral("UPDATE registrations SET account_id = ?, exam_id = ?, state = ?, "
                                  "agreement_version = ?, profile_json = ?, document_key = ?, site_id = ?, "
                                  "subject_ids = ?, photo_json = ?, review_json = ?, payment_due = ?, version = ?, "
                                  "updated_at = ? WHERE id = ?"),
                   values);
}

TransitionContext RegistrationStore::context(const RegistrationRow &row)
{
    TransitionContext c;
    if (!row.siteId.isEmpty()) {
        if (const auto site = m_catalog.site(row.siteId))
            c.reviewRequired = site->reviewRequired;
    }
    c.orderOpen = m_payments.openOrder(row.id).has_value();
    return c;
}

Registration RegistrationStore::render(const RegistrationRow &row)
{
    Registration r;
    r.id = row.id;
    r.examId = row.examId;
    r.state = row.state;
    r.agreementVersion = row.agreementVersion;
    r.profile = row.profile;
    r.siteId = row.siteId;
    r.subjectIds = row.subjectIds;
    r.photo = row.photo;
    r.review = row.review;
    r.payment = m_payments.latestOrder(row.id);
    r.version = row.version;
    r.updatedAt = row.updatedAt;
    if (const auto exam = m_catalog.currentExam()) {
        r.deadlines.registrationCloses = exam->registration.closes;
        r.deadlines.ticketOpens = exam->ticketPrint.opens;
        r.deadlines.ticketCloses = exam->ticketPrint.closes;
    }
    r.deadlines.paymentDue = row.paymentDue;
    if (!row.siteId.isEmpty()) {
        const auto site = m_catalog.site(row.siteId);
        if (site && site->onSiteConfirmation)
            r.deadlines.onSiteConfirmationBy = site->onSiteConfirmation->deadline;
    }
    const TransitionContext c = context(row);
    r.allowedActions = RegistrationMachine::allowedActions(row.state, c);
    // Expire and the staff's actions are not the candidate's to take.
    r.allowedActions.removeIf([](RegistrationAction a) {
        return a == RegistrationAction::Expire || a == RegistrationAction::Approve || a == RegistrationAction::Reject
            || a == RegistrationAction::ConfirmPayment || a == RegistrationAction::ConfirmOnSite;
    });
    return r;
}

std::optional<QByteArray> RegistrationStore::etagOfAccount(qint64 accountId)
{
    // Every unchanged poll asks this: a statement prepared once.
    const QVariantList row = m_db.firstRowCached(QStringLiteral("SELECT id, version FROM registrations WHERE account_id = ?"),
                                                 {accountId});
    if (row.size() < 2)
        return std::nullopt;
    return QStringLiteral("\"%1-%2\"").arg(row.at(0).toString()).arg(row.at(1).toLongLong()).toLatin1();
}

QByteArray RegistrationStore::etag(const RegistrationRow &row) const
{
    return QStringLiteral("\"%1-%2\"").arg(row.id).arg(row.version).toLatin1();
}

bool RegistrationStore::releaseSeats(const RegistrationRow &row)
{
    for (const QString &subject : row.subjectIds) {
        QSqlQuery q = m_db.run(QStringLiteral("UPDATE subjects SET seats_left = seats_left + 1 "
                                              "WHERE site_id = ? AND id = ? AND seats_left < seats_total"),
                               {row.siteId, subject});
        if (q.lastError().type() != QSqlError::NoError)
            return false;
    }
    return true;
}

bool RegistrationStore::takeSeat(const QString &siteId, const QString &subjectId)
{
    QSqlQuery q = m_db.run(QStringLiteral("UPDATE subjects SET seats_left = seats_left - 1 "
                                          "WHERE site_id = ? AND id = ? AND seats_left > 0"),
                           {siteId, subjectId});
    return q.numRowsAffected() == 1;
}

QStringList RegistrationStore::awaitingReview(const QString &siteId)
{
    QSqlQuery q = m_db.run(QStringLiteral("SELECT id FROM registrations WHERE site_id = ? AND state = "
                                          "'review_pending' ORDER BY updated_at, id"),
                           {siteId});
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

bool RegistrationStore::recordDecision(const QString &registrationId, const QString &staff, const QDateTime &at)
{
    QSqlQuery q = m_db.run(QStringLiteral("UPDATE registrations SET decided_by = ?, decided_at = ? WHERE id = ?"),
                           {staff, at.toSecsSinceEpoch(), registrationId});
    return m_db.ok(q);
}

QList<RegistrationStore::Decision> RegistrationStore::decidedSince(const QString &siteId, const QDateTime &since, int limit)
{
    QSqlQuery q = m_db.run(QStringLiteral("SELECT id, decided_by, decided_at FROM registrations WHERE site_id = ? AND "
                                          "decided_at >= ? ORDER BY decided_at DESC, id LIMIT ?"),
                           {siteId, since.toSecsSinceEpoch(), limit});
    QList<Decision> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), QDateTime::fromSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC)});
    return out;
}

QByteArray RegistrationStore::photo(const QString &registrationId)
{
    return m_db.scalar(QStringLiteral("SELECT photo FROM registrations WHERE id = ?"), {registrationId}).toByteArray();
}

bool RegistrationStore::setPhoto(const QString &registrationId, const QByteArray &jpeg)
{
    QSqlQuery q = m_db.run(QStringLiteral("UPDATE registrations SET photo = ? WHERE id = ?"), {jpeg, registrationId});
    return q.lastError().type() == QSqlError::NoError;
}

std::optional<RegistrationStore::StoredDocument> RegistrationStore::document(const QString &registrationId,
                                                                             const QString &kind, qint64 version)
{
    QSqlQuery q = m_db.run(QStringLiteral("SELECT pdf, sha256 FROM documents WHERE registration_id = ? AND kind = ? "
                                          "AND version = ?"),
                           {registrationId, kind, version});
    if (!q.next())
        return std::nullopt;
    return StoredDocument{q.value(0).toByteArray(), q.value(1).toByteArray()};
}

void RegistrationStore::keepDocument(const QString &registrationId, const QString &kind, qint64 version,
                                     const StoredDocument &document)
{
    m_db.run(QStringLiteral("INSERT INTO documents (registration_id, kind, version, pdf, sha256) VALUES (?, ?, ?, ?, ?) "
                            "ON CONFLICT (registration_id, kind) DO UPDATE SET version = excluded.version, "
                            "pdf = excluded.pdf, sha256 = excluded.sha256"),
             {registrationId, kind, version, document.pdf, QString::fromLatin1(document.sha256Hex)});
}

void RegistrationStore::sweepExpired()
{
    // Orders past their expiry: marked expired, and their registrations' versions moved on (the lock an open order
    // held has ended, which pollers must see through the ETag).
    {
        for (const auto &[orderId, registrationId] : m_payments.lapsedOpen()) {
            Transaction tx(m_db);
            m_payments.expire(orderId);
            if (auto row = byId(registrationId))
                save(*row);
            tx.commit();
            qCInfo(lcServer) << "order" << orderId << "lapsed unpaid";
        }
    }
    QSqlQuery q = m_db.run(QStringLiteral("SELECT id FROM registrations WHERE state = 'review_approved' "
                                          "AND payment_due IS NOT NULL AND payment_due <= ?"),
                           {m_clock.nowSecs()});
    QStringList due;
    while (q.next())
        due.append(q.value(0).toString());
    for (const QString &id : due) {
        Transaction tx(m_db);
        auto row = byId(id);
        if (!row)
            continue;
        const auto next = RegistrationMachine::apply(row->state, RegistrationAction::Expire, context(*row));
        if (!next)
            continue;
        releaseSeats(*row);
        m_payments.expireOpen(id);
        row->state = next.value();
        save(*row);
        tx.commit();
        qCInfo(lcServer) << "registration" << id << "expired: payment deadline passed, seats released";
    }
}

} // namespace ncre::server
