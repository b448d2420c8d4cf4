#pragma once

#include "JsonReader.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace ncre {

enum class AccountRole { Candidate, Staff };
QString accountRoleName(AccountRole role);
std::optional<AccountRole> accountRoleFromName(const QString &name);

// POST /accounts: a new passport account (通行证).
struct AccountRegistration
{
    QString username;
    QString password;
    QString captchaId;
    QString captchaAnswer;

    static Result<AccountRegistration> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// PUT /accounts/me/password.
struct PasswordChange
{
    QString currentPassword;
    QString newPassword;

    static Result<PasswordChange> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// Account rules, shown to the user as they type and enforced by the server.
namespace AccountRules {
// 4-32 characters: a letter first, then letters, digits, '_' or '.'. Errors carry field "username".
ErrorList validateUsername(const QString &username);
// 8-64 characters with at least three of: lower case, upper case, digit, other; not containing the username.
// Errors carry field "password" (or `field`).
// Whether `password` is among the first an attacker tries: in Openwall's list of the most common passwords
// (Debian's john-data, compiled in), also with capitals and digits or signs added; or guessable in under about 2^28
// tries by the zxcvbn estimator (libzxcvbn: dictionaries, l33t spellings such as P@ssw0rd, keyboard patterns such
// as 1qaz@WSX, sequences, repeats, dates), with the account name and the pinyin words and numbers most common in
// Chinese passwords (woaini, 5201314, ...) added to its dictionaries.
bool isCommonPassword(const QString &password, const QString &username = {});
ErrorList validatePassword(const QString &password, const QString &username,
                           const QString &field = QStringLiteral("password"));
} // namespace AccountRules

// POST /sessions: log in with password + captcha, or with a one-time code from the QQ broker + PKCE verifier.
struct LoginRequest
{
    QString username;
    QString password;
    QString captchaId;
    QString captchaAnswer;
    QString oneTimeCode;
    QString codeVerifier;

    bool isQqLogin() const { return !oneTimeCode.isEmpty(); }

    static Result<LoginRequest> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// POST /sessions/refresh.
struct RefreshRequest
{
    QString refreshToken;

    static Result<RefreshRequest> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// Who is logged in.
struct AccountInfo
{
    QString username;
    AccountRole role = AccountRole::Candidate;
    QString siteId; // staff only: the site they work for

    static Result<AccountInfo> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// A session: answer to POST /sessions and /sessions/refresh.
struct Session
{
    QString accessToken;
    QString refreshToken;
    int expiresIn = 0; // seconds until the access token expires
    AccountInfo account;

    static Result<Session> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

} // namespace ncre
