#include "Account.h"

#include <zxcvbn.h>

#include <vector>

#include "InputText.h"

#include <QSet>

#include <QFile>

#include <QRegularExpression>

namespace ncre {

QString accountRoleName(AccountRole role)
{
    return role == AccountRole::Staff ? QStringLiteral("staff") : QStringLiteral("candidate");
}

std::optional<AccountRole> accountRoleFromName(const QString &name)
{
    if (name == QLatin1String("candidate"))
        return AccountRole::Candidate;
    if (name == QLatin1String("staff"))
        return AccountRole::Staff;
    return std::nullopt;
}

namespace AccountRules {

namespace {
// Guesses an attacker needs, as zxcvbn estimates them (bits: log2 of the guesses); about 2.7e8.
constexpr double kMinimumPasswordBits = 28.0;
} // namespace


ErrorList validateUsername(const QString &username)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z][A-Za-z0-9_.]*$"));
    const QString field = QStringLiteral("username");
    if (username.isEmpty())
        return {Error(ErrorCode::FieldRequired, field)};
    if (username.size() < 4)
        return {Error(ErrorCode::FieldTooShort, field, QStringLiteral("at least 4 characters"))};
    if (username.size() > 32)
        return {Error(ErrorCode::FieldTooLong, field, QStringLiteral("at most 32 characters"))};
    // A digit, '.' or '_' first: allowed characters in the wrong place, which is its own message.
    if (username.at(0).isDigit() || username.at(0) == QLatin1Char('.') || username.at(0) == QLatin1Char('_'))
        return {Error(ErrorCode::FieldFormat, field, QStringLiteral("must start with a letter"))};
    if (!pattern.match(username).hasMatch())
        return {Error(ErrorCode::FieldCharacters, field)};
    return {};
}

ErrorList validatePassword(const QString &password, const QString &username, const QString &field)
{
    if (password.isEmpty())
        return {Error(ErrorCode::FieldRequired, field)};
    if (password.size() < 8)
        return {Error(ErrorCode::FieldTooShort, field, QStringLiteral("at least 8 characters"))};
    if (password.size() > 64)
        return {Error(ErrorCode::FieldTooLong, field, QStringLiteral("at most 64 characters"))};
    bool lower = false, upper = false, digit = false, other = false;
    for (const QChar c : password) {
        if (c.category() == QChar::Other_Control)
            return {Error(ErrorCode::FieldCharacters, field)};
        if (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            lower = true;
        else if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            upper = true;
        else if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            digit = true;
        else
            other = true;
    }
    const int classes = int(lower) + int(upper) + int(digit) + int(other);
    if (classes < 3)
        return {Error(ErrorCode::AccountWeakPassword, field, QStringLiteral("needs three kinds of character"))};
    if (!username.isEmpty() && password.contains(username, Qt::CaseInsensitive))
        return {Error(ErrorCode::AccountPasswordHasName, field, QStringLiteral("contains the username"))};
    if (isCommonPassword(password, username))
        return {Error(ErrorCode::AccountPasswordCommon, field, QStringLiteral("a common password"))};
    return {};
}

bool isCommonPassword(const QString &password, const QString &username)
{
    // Openwall's list (Debian john-data), lower-cased, compiled in.
    static const QSet<QString> common = [] {
        QSet<QString> set;
        QFile file(QStringLiteral(":/ncre/domain/common-passwords.txt"));
        if (file.open(QIODevice::ReadOnly))
            for (const QByteArray &line : file.readAll().split('\n'))
                if (!line.startsWith("#!") && !line.trimmed().isEmpty())
                    set.insert(QString::fromUtf8(line.trimmed()).toLower());
        return set;
    }();
    const QString lower = password.toLower();
    if (common.contains(lower))
        return true;
    // The usual dressing of a common word: capitals (folded above) and digits or signs added at the end.
    static const QRegularExpression suffix(QStringLiteral("[0-9!@#$%^&*.?_+=~-]+$"));
    QString base = lower;
    base.remove(suffix);
    if (base.size() >= 4 && base != lower && common.contains(base))
        return true;
    // Everything else an attacker's rules would reach soon. The words added to zxcvbn's dictionaries: the most
    // common bases of Chinese passwords (pinyin of "I love you", names, places, sites, the numbers 520 and 1314 that
    // read as "I love you (for a lifetime)"), this exam's names, and the account name.
    static const QByteArrayList pinyin = {
        // phrases and numbers
        "woaini", "aini", "aiwo", "wodemima", "mima", "nihao", "nihaoma", "zaijian", "xiexie", "woshishui", "haha",
        "hehe", "lala", "baobao", "laogong", "laopo", "qinqin", "kuaile", "xingfu", "tiantian", "shuaige", "meinv",
        "520", "521", "1314", "5201314", "1314520", "888", "666", "168", "13800138000",
        // the commonest surnames and given-name syllables
        "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu",
        "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao", "peng",
        "wei", "lei", "jun", "yong", "jie", "tao", "ming", "chao", "hui", "hong", "ling", "fang", "ping", "yan", "jing",
        "xin", "yu", "hao", "qiang", "lei", "bin", "gang", "ying", "hua", "juan", "xia", "xiao", "dong", "long", "fei",
        "zhangwei", "wangwei", "liwei", "wangfang", "liuyang", "zhangsan", "lisi", "wangwu", "xiaoming", "lilei",
        "hanmeimei",
        // places, sites, this exam
        "zhongguo", "china", "beijing", "shanghai", "guangzhou", "shenzhen", "taobao", "weixin", "baidu", "tencent",
        "ncre", "jisuanji", "dengji", "kaoshi", "baoming"};
    const QByteArray name = username.trimmed().toLower().toUtf8();
    std::vector<const char *> dictionary;
    for (const QByteArray &word : pinyin)
        dictionary.push_back(word.constData());
    if (!name.isEmpty())
        dictionary.push_back(name.constData());
    dictionary.push_back(nullptr);
    const QByteArray utf8 = password.toUtf8();
    return ZxcvbnMatch(utf8.constData(), dictionary.data(), nullptr) < kMinimumPasswordBits;
}

} // namespace AccountRules

Result<AccountRegistration> AccountRegistration::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    AccountRegistration a;
    // As pasted: invisible marks (a zero-width space from a web page) and outer spaces go (InputText::clean).
    a.username = InputText::clean(r.string("username", 64));
    a.password = r.string("password", 128);
    a.captchaId = r.string("captchaId", 64);
    a.captchaAnswer = r.string("captchaAnswer", 16);
    return r.result(a);
}

QJsonObject AccountRegistration::toJson() const
{
    return {{QStringLiteral("username"), username},
            {QStringLiteral("password"), password},
            {QStringLiteral("captchaId"), captchaId},
            {QStringLiteral("captchaAnswer"), captchaAnswer}};
}

Result<PasswordChange> PasswordChange::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    PasswordChange p;
    p.currentPassword = r.string("currentPassword", 128);
    p.newPassword = r.string("newPassword", 128);
    return r.result(p);
}

QJsonObject PasswordChange::toJson() const
{
    return {{QStringLiteral("currentPassword"), currentPassword}, {QStringLiteral("newPassword"), newPassword}};
}

Result<LoginRequest> LoginRequest::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    LoginRequest l;
    l.oneTimeCode = r.optionalString("oneTimeCode", 128).value_or(QString());
    if (!l.oneTimeCode.isEmpty()) {
        l.codeVerifier = r.string("codeVerifier", 128);
        // RFC 7636 §4.1: 43-128 characters.
        if (r.ok() && l.codeVerifier.size() < 43)
            r.fail(Error(ErrorCode::JsonRange, r.pathOf("codeVerifier"), QStringLiteral("shorter than 43")));
    } else {
        l.username = InputText::clean(r.string("username", 64));
        l.password = r.string("password", 128);
        l.captchaId = r.string("captchaId", 64);
        l.captchaAnswer = r.string("captchaAnswer", 16);
    }
    return r.result(l);
}

QJsonObject LoginRequest::toJson() const
{
    if (isQqLogin())
        return {{QStringLiteral("oneTimeCode"), oneTimeCode}, {QStringLiteral("codeVerifier"), codeVerifier}};
    return {{QStringLiteral("username"), username},
            {QStringLiteral("password"), password},
            {QStringLiteral("captchaId"), captchaId},
            {QStringLiteral("captchaAnswer"), captchaAnswer}};
}

Result<RefreshRequest> RefreshRequest::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    RefreshRequest q;
    q.refreshToken = r.string("refreshToken", 256);
    return r.result(q);
}

QJsonObject RefreshRequest::toJson() const
{
    return {{QStringLiteral("refreshToken"), refreshToken}};
}

Result<AccountInfo> AccountInfo::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    AccountInfo a;
    // As pasted: invisible marks (a zero-width space from a web page) and outer spaces go (InputText::clean).
    a.username = InputText::clean(r.string("username", 64));
    a.role = r.enumeration<AccountRole>("role", accountRoleFromName);
    a.siteId = r.optionalString("siteId", 64).value_or(QString());
    if (r.ok() && a.role == AccountRole::Staff && a.siteId.isEmpty())
        r.fail(Error(ErrorCode::JsonMissing, r.pathOf("siteId"), QStringLiteral("staff accounts belong to a site")));
    return r.result(a);
}

QJsonObject AccountInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("username"), username}, {QStringLiteral("role"), accountRoleName(role)}};
    if (!siteId.isEmpty())
        o.insert(QStringLiteral("siteId"), siteId);
    return o;
}

Result<Session> Session::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    Session x;
    x.accessToken = r.string("accessToken", 256);
    x.refreshToken = r.string("refreshToken", 256);
    x.expiresIn = int(r.integer("expiresIn", 1, 365 * 24 * 3600));
    x.account = r.nested<AccountInfo>("account");
    const QString type = r.string("tokenType", 16);
    if (r.ok() && type != QLatin1String("Bearer"))
        r.fail(Error(ErrorCode::JsonValue, r.pathOf("tokenType"), QStringLiteral("expected Bearer")));
    return r.result(x);
}

QJsonObject Session::toJson() const
{
    return {{QStringLiteral("accessToken"), accessToken},
            {QStringLiteral("refreshToken"), refreshToken},
            {QStringLiteral("tokenType"), QStringLiteral("Bearer")},
            {QStringLiteral("expiresIn"), expiresIn},
            {QStringLiteral("account"), account.toJson()}};
}

} // namespace ncre
