#include "KioskConfig.h"

#include "IniSyntax.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>

namespace ncre {

namespace {

const QString kGroup = QStringLiteral("kiosk");

// Every key the [kiosk] group may hold; anything else is a typo and refused.
const QStringList &knownKeys()
{
    static const QStringList keys{QStringLiteral("server"),      QStringLiteral("site"),
                                  QStringLiteral("printer"),     QStringLiteral("staffPinHash"),
                                  QStringLiteral("idleTimeout"), QStringLiteral("staffIdleTimeout"),
                                  QStringLiteral("countdown"),   QStringLiteral("camera"),
                                  QStringLiteral("onScreenKeyboard"), QStringLiteral("language")};
    return keys;
}

// QSettings reads "a,b" as a list; a value is one string here (an Argon2id hash holds commas).
QString text(const QSettings &ini, const QString &key)
{
    const QVariant v = ini.value(key);
    if (v.userType() == QMetaType::QStringList)
        return v.toStringList().join(QLatin1Char(',')).trimmed();
    return v.toString().trimmed();
}

} // namespace

QString KioskConfig::Problem::message() const
{
    if (key.isEmpty())
        return tr("The kiosk configuration %1 cannot be used: %2.").arg(QDir::toNativeSeparators(file), expected);
    if (missing)
        return tr("The kiosk configuration %1 has no «%2»: it must be %3.").arg(QDir::toNativeSeparators(file), key, expected);
    return tr("The kiosk configuration %1 sets «%2» to «%3»: it must be %4.")
        .arg(QDir::toNativeSeparators(file), key, found, expected);
}

QString KioskConfig::defaultPath()
{
    return QStringLiteral(NCRE_KIOSK_DEFAULT_CONFIG);
}

Result<KioskConfig, KioskConfig::Problem> KioskConfig::load(const QString &path)
{
    auto problem = [&path](const QString &key, const QString &expected, const QString &found = {}, bool missing = false) {
        return Problem{path, key, expected, found, missing};
    };
    const QFileInfo info(path);
    if (!info.exists())
        return problem({}, tr("there is no such file (write one as the kiosk guide shows: /usr/share/doc/ncre-desk/kiosk.md; or pass --kiosk-config FILE)"));
    if (!info.isFile() || !info.isReadable())
        return problem({}, tr("it is not a file this user can read"));
    if (QFile raw(path); raw.open(QIODevice::ReadOnly)) {
        const QByteArray text = raw.read(1 << 20);
        if (const int line = IniSyntax::firstMalformedLine(text))
            return problem({}, tr("line %1 is neither key=value, nor [kiosk], nor a comment").arg(line));
        if (const QString twice = IniSyntax::firstDuplicateKey(text); !twice.isEmpty())
            return problem({}, tr("«%1» is set twice; keep one").arg(twice.section(QLatin1Char('/'), 1)));
    }
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return problem({}, tr("it is not an INI file"));
    for (const QString &group : ini.childGroups()) {
        if (group != kGroup)
            return problem(QStringLiteral("[%1]").arg(group), tr("absent: every setting belongs in [kiosk]"), group);
    }
    if (!ini.childKeys().isEmpty())
        return problem(ini.childKeys().constFirst(), tr("inside the [kiosk] group"), text(ini, ini.childKeys().constFirst()));
    ini.beginGroup(kGroup);
    for (const QString &key : ini.childKeys()) {
        if (!knownKeys().contains(key))
            return problem(key, tr("one of the settings the kiosk guide lists (%1)").arg(knownKeys().join(QLatin1String(", "))),
                           text(ini, key));
    }

    KioskConfig c;
    auto required = [&](const QString &key, const QString &expected) -> std::optional<Problem> {
        if (text(ini, key).isEmpty())
            return problem(key, expected, {}, true);
        return std::nullopt;
    };

    const QString serverExpected = tr("the registration server's https address (http only on this computer)");
    if (auto p = required(QStringLiteral("server"), serverExpected))
        return *p;
    const QString server = text(ini, QStringLiteral("server"));
    const QUrl url(server, QUrl::StrictMode);
    const bool https = url.scheme() == QLatin1String("https");
    const bool loopbackHttp = url.scheme() == QLatin1String("http")
        && QHostAddress(url.host()).isLoopback(); // the rule of ApiClient::setBaseUrl
    if (!url.isValid() || url.host().isEmpty() || (!https && !loopbackHttp))
        return problem(QStringLiteral("server"), serverExpected, server);
    c.server = url;

    const QString siteExpected = tr("the code of this terminal's test site (考点) as the server names it, e.g. bj-bit");
    if (auto p = required(QStringLiteral("site"), siteExpected))
        return *p;
    c.site = text(ini, QStringLiteral("site"));
    static const QRegularExpression siteCode(QStringLiteral("^[a-z0-9][a-z0-9-]{0,31}$"));
    if (!siteCode.match(c.site).hasMatch())
        return problem(QStringLiteral("site"), siteExpected, c.site);

    const QString printerExpected = tr("the name of a CUPS print queue, or pdf:FOLDER to write PDF files into an existing folder");
    if (auto p = required(QStringLiteral("printer"), printerExpected))
        return *p;
    c.printer = text(ini, QStringLiteral("printer"));
    static const QRegularExpression queueName(QStringLiteral("^[A-Za-z0-9_.-]{1,127}$")); // CUPS: printable, no / # space
    if (c.printsToFiles()) {
        const QFileInfo dir(c.printDirectory());
        if (c.printDirectory().isEmpty() || !dir.isAbsolute() || !dir.isDir() || !dir.isWritable())
            return problem(QStringLiteral("printer"), printerExpected, c.printer);
    } else if (!queueName.match(c.printer).hasMatch()) {
        return problem(QStringLiteral("printer"), printerExpected, c.printer);
    }

    const QString pinExpected = tr("the staff PIN's hash, which «ncre-desk --kiosk-set-pin» writes");
    if (auto p = required(QStringLiteral("staffPinHash"), pinExpected))
        return *p;
    const QString pinHash = text(ini, QStringLiteral("staffPinHash"));
    // crypto_pwhash_str output (Argon2id): "$argon2id$v=19$m=...,t=...,p=...$salt$hash", under crypto_pwhash_STRBYTES.
    static const QRegularExpression argon2id(
        QStringLiteral("^\\$argon2id\\$v=19\\$m=\\d+,t=\\d+,p=\\d+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$"));
    if (pinHash.size() >= 128 || !argon2id.match(pinHash).hasMatch())
        return problem(QStringLiteral("staffPinHash"), pinExpected, pinHash.left(16) + QStringLiteral("…"));
    c.staffPinHash = pinHash.toLatin1();

    struct Range
    {
        const char *key;
        int *into;
        int low;
        int high;
    };
    for (const Range &r : {Range{"idleTimeout", &c.idleSeconds, 30, 3600}, Range{"staffIdleTimeout", &c.staffIdleSeconds, 15, 3600},
                           Range{"countdown", &c.countdownSeconds, 10, 120}}) {
        const QString key = QString::fromLatin1(r.key);
        if (!ini.contains(key))
            continue;
        const QString value = text(ini, key);
        bool ok = false;
        const int seconds = value.toInt(&ok);
        if (!ok || seconds < r.low || seconds > r.high)
            return problem(key, tr("a whole number of seconds from %1 to %2").arg(r.low).arg(r.high), value);
        *r.into = seconds;
    }

    if (ini.contains(QStringLiteral("camera"))) {
        c.camera = text(ini, QStringLiteral("camera"));
        if (c.camera.isEmpty() || c.camera.size() > 200)
            return problem(QStringLiteral("camera"), tr("none, default, or a camera's id or description"), c.camera);
    }
    if (ini.contains(QStringLiteral("onScreenKeyboard"))) {
        const QString value = text(ini, QStringLiteral("onScreenKeyboard")).toLower();
        if (value != QLatin1String("true") && value != QLatin1String("false"))
            return problem(QStringLiteral("onScreenKeyboard"), tr("true or false"), value);
        c.onScreenKeyboard = value == QLatin1String("true");
    }
    if (ini.contains(QStringLiteral("language"))) {
        c.language = text(ini, QStringLiteral("language"));
        if (c.language != QLatin1String("zh_CN") && c.language != QLatin1String("en"))
            return problem(QStringLiteral("language"), tr("zh_CN or en"), c.language);
    }
    return c;
}

QByteArray KioskConfig::toIni() const
{
    QByteArray out = "[kiosk]\n";
    auto line = [&out](const char *key, const QString &value) { out += key + QByteArray("=") + value.toUtf8() + '\n'; };
    line("server", server.toString());
    line("site", site);
    line("printer", printer);
    // Quoted: QSettings would otherwise split the hash at its commas.
    line("staffPinHash", QLatin1Char('"') + QString::fromLatin1(staffPinHash) + QLatin1Char('"'));
    line("idleTimeout", QString::number(idleSeconds));
    line("staffIdleTimeout", QString::number(staffIdleSeconds));
    line("countdown", QString::number(countdownSeconds));
    line("camera", camera);
    line("onScreenKeyboard", onScreenKeyboard ? QStringLiteral("true") : QStringLiteral("false"));
    line("language", language);
    return out;
}

QString KioskConfig::pinProblem(const QString &pin)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{6,12}$"));
    if (!digits.match(pin).hasMatch())
        return tr("A staff PIN is 6 to 12 digits.");
    bool same = true;
    bool up = true;
    bool down = true;
    for (qsizetype i = 1; i < pin.size(); ++i) {
        const int step = pin.at(i).digitValue() - pin.at(i - 1).digitValue();
        same = same && step == 0;
        up = up && (step == 1 || step == -9);
        down = down && (step == -1 || step == 9);
    }
    if (same || up || down)
        return tr("That PIN is too easy to guess (one digit repeated, or a run such as 123456). Choose another.");
    return {};
}

Result<void, QString> KioskConfig::writePinHash(const QString &path, const QByteArray &pinHash)
{
    QByteArray body;
    const bool existed = QFile::exists(path);
    if (QFile existing(path); existed) {
        if (!existing.open(QIODevice::ReadOnly))
            return tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), existing.errorString());
        body = existing.readAll();
    } else if (!QFileInfo(path).absoluteDir().exists()) {
        return tr("The folder of %1 does not exist.").arg(QDir::toNativeSeparators(path));
    }
    // A line-level edit keeps the administrator's comments and order (QSettings would rewrite the whole file).
    QList<QByteArray> lines = body.split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    const QByteArray setting = "staffPinHash=\"" + pinHash + '"';
    qsizetype group = -1;
    qsizetype replaced = -1;
    qsizetype groupEnd = lines.size();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray trimmed = lines.at(i).trimmed();
        if (trimmed.startsWith('[')) {
            if (group >= 0 && groupEnd == lines.size())
                groupEnd = i;
            if (trimmed == "[kiosk]")
                group = i;
        } else if (group >= 0 && groupEnd == lines.size() && trimmed.startsWith("staffPinHash")
                   && trimmed.mid(12).trimmed().startsWith('=')) {
            replaced = i;
        }
    }
    if (replaced >= 0)
        lines[replaced] = setting;
    else if (group >= 0)
        lines.insert(group + 1, setting);
    else
        lines.append("[kiosk]"), lines.append(setting);

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return tr("%1 cannot be written: %2").arg(QDir::toNativeSeparators(path), out.errorString());
    out.write(lines.join('\n') + '\n');
    // A 6-digit PIN falls to a search of its hash: a new file is readable by its owner and group only (the kiosk
    // user's group, docs/kiosk.md); an existing file keeps the permissions the administrator gave it.
    if (!existed)
        out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup);
    if (!out.commit())
        return tr("%1 cannot be written: %2").arg(QDir::toNativeSeparators(path), out.errorString());
    return {};
}

} // namespace ncre
