#pragma once

#include "ServerClock.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace ncre::server {

class Database;

// The ID-number enumeration guard's memory (issue 14; docs/privacy.md; table `document_checks`): which document
// numbers each account and each client address tried in the last 24 hours, and whether a try conflicted with
// another account's registration. Numbers are kept only as a keyed tag (HMAC-SHA256 with a key of this process),
// for counting; never the number.
class DocumentChecks
{
public:
    // `key`: the HMAC key; at most `perAccount` different numbers per account and `perAddress` per address in 24 h.
    DocumentChecks(Database &db, ServerClock &clock, QByteArray key, int perAccount, int perAddress);

    QByteArray tag(const QString &documentKey) const;
    // Seconds until `account` (from `address`) may try the new number `tag` (nullopt: now). A number the account
    // already tried in the window is never refused. Logs the pattern (counts, never numbers) when refusing.
    std::optional<int> refusal(qint64 account, const QString &address, const QByteArray &tag);
    // Whether one of the account's tries in the window conflicted: further new numbers need a fresh captcha.
    bool conflicted(qint64 account);
    void record(qint64 account, const QString &address, const QByteArray &tag, bool conflict);

private:
    Database &m_db;
    ServerClock &m_clock;
    QByteArray m_key;
    int m_perAccount;
    int m_perAddress;
};

} // namespace ncre::server
