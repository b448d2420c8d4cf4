#include "SessionKeeper.h"

#include "Alive.h"
#include "WorkflowLogging.h"

namespace ncre {

SessionKeeper::SessionKeeper(AuthSession &auth, Keychain &keychain, const QUrl &server, QObject *parent)
    : QObject(parent)
    , m_auth(auth)
    , m_keychain(keychain)
    , m_entry(QStringLiteral("refresh-token@") + server.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString())
{
    connect(&m_auth, &AuthSession::refreshTokenChanged, this, &SessionKeeper::store);
}

void SessionKeeper::store(const QByteArray &token)
{
    // Rotations can come faster than the keychain answers: only the latest matters, written in order.
    m_pending = token.isEmpty() ? QByteArray() : m_auth.account().username.toUtf8() + '\n' + token;
    if (!m_writing)
        writeNext();
}

void SessionKeeper::writeNext()
{
    if (!m_pending) {
        m_writing = false;
        for (const auto &w : std::exchange(m_flushWaiters, {}))
            w();
        return;
    }
    m_writing = true;
    const QByteArray token = *std::exchange(m_pending, std::nullopt);
    auto next = alive(this, [this](const Result<void> &r) {
        if (!r) {
            qCWarning(lcWorkflow) << "keychain write failed:" << errorCodeName(r.error().code);
            emit keychainFailed(r.error());
        }
        writeNext();
    });
    if (token.isEmpty())
        m_keychain.remove(m_entry, next);
    else
        m_keychain.write(m_entry, token, next);
}

void SessionKeeper::flush(std::function<void()> done)
{
    if (!m_writing && !m_pending) {
        done();
        return;
    }
    m_flushWaiters.append(std::move(done));
}

void SessionKeeper::resume(const std::function<void(Result<Session, Problem>)> &done, int attempts)
{
    m_keychain.read(m_entry, alive(this, [this, done, attempts](Result<std::optional<QByteArray>> entry) {
        if (!entry) {
            done(Problem::fromError(entry.error()));
            return;
        }
        if (!entry->has_value() || entry->value().isEmpty()) {
            done(Problem::fromError(Error(ErrorCode::AuthRequired, {}, QStringLiteral("no kept session"))));
            return;
        }
        // "name\ntoken"; an entry from before names were kept holds the token alone.
        const QByteArray kept = entry->value();
        const qsizetype newline = kept.indexOf('\n');
        const QString username = newline >= 0 ? QString::fromUtf8(kept.left(newline)) : QString();
        const QByteArray token = newline >= 0 ? kept.mid(newline + 1) : kept;
        m_auth.resume(token, alive(this, [this, done, token, username](Result<Session, Problem> session) {
            if (!session && session.error().status == 401)
                store({}); // refused for good: forget it
            else if (!session && session.error().status == 0 && !username.isEmpty())
                m_auth.restoreOffline(token, username);
            done(std::move(session));
        }), attempts);
    }));
}

} // namespace ncre
