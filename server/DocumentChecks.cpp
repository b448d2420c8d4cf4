#include "DocumentChecks.h"

#include "Database.h"
#include "ServerLogging.h"

#include <QMessageAuthenticationCode>

namespace ncre::server {

namespace {
constexpr qint64 kWindowSeconds = 24 * 3600;
}

DocumentChecks::DocumentChecks(Database &db, ServerClock &clock, QByteArray key, int perAccount, int perAddress)
    : m_db(db)
    , m_clock(clock)
    , m_key(std::move(key))
    , m_perAccount(perAccount)
    , m_perAddress(perAddress)
{
}

QByteArray DocumentChecks::tag(const QString &documentKey) const
{
    return QMessageAuthenticationCode::hash(documentKey.toUtf8(), m_key, QCryptographicHash::Sha256);
}

std::optional<int> DocumentChecks::refusal(qint64 account, const QString &address, const QByteArray &tag)
{
    const qint64 now = m_clock.nowSecs();
    const qint64 since = now - kWindowSeconds;
    const bool seen = m_db.scalar(QStringLiteral("SELECT 1 FROM document_checks WHERE account_id = ? AND "
                                                 "document_tag = ? AND created_at > ?"),
                                  {account, tag, since})
                          .isValid();
    if (seen)
        return std::nullopt;
    const int byAccount = m_db.scalar(QStringLiteral("SELECT COUNT(DISTINCT document_tag) FROM document_checks "
                                                     "WHERE account_id = ? AND created_at > ?"),
                                      {account, since})
                              .toInt();
    const int byAddress = m_db.scalar(QStringLiteral("SELECT COUNT(DISTINCT document_tag) FROM document_checks "
                                                     "WHERE address = ? AND created_at > ?"),
                                      {address, since})
                              .toInt();
    if (byAccount < m_perAccount && byAddress < m_perAddress)
        return std::nullopt;
    qCWarning(lcServer).noquote() << QStringLiteral("document numbers: limit reached for account %1 from %2 "
                                                    "(%3 by the account, %4 from the address in 24 h): possible "
                                                    "enumeration")
                                         .arg(account)
                                         .arg(address)
                                         .arg(byAccount)
                                         .arg(byAddress);
    const qint64 oldest = m_db.scalar(QStringLiteral("SELECT MIN(created_at) FROM document_checks WHERE "
                                                     "(account_id = ? OR address = ?) AND created_at > ?"),
                                      {account, address, since})
                              .toLongLong();
    return int(qBound<qint64>(qint64(60), oldest + kWindowSeconds - now, kWindowSeconds));
}

bool DocumentChecks::conflicted(qint64 account)
{
    return m_db.scalar(QStringLiteral("SELECT 1 FROM document_checks WHERE account_id = ? AND conflict = 1 AND "
                                      "created_at > ?"),
                       {account, m_clock.nowSecs() - kWindowSeconds})
        .isValid();
}

void DocumentChecks::record(qint64 account, const QString &address, const QByteArray &tag, bool conflict)
{
    // A number tried again (back and forth between two) is one check, not one row per try.
    const qint64 now = m_clock.nowSecs();
    m_db.run(QStringLiteral("INSERT INTO document_checks (account_id, address, document_tag, conflict, created_at) "
                            "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM document_checks WHERE account_id = ? "
                            "AND address = ? AND document_tag = ? AND conflict = ? AND created_at > ?)"),
             {account, address, tag, conflict ? 1 : 0, now, account, address, tag, conflict ? 1 : 0, now - kWindowSeconds});
}

} // namespace ncre::server
