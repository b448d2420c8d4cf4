#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace ncre {

// A kiosk terminal's settings (architecture §6, issue 16, docs/kiosk.md): the [kiosk] group of an INI file, by
// default the system-wide defaultPath(). Every key is checked on load and an unknown key is an error too (a typo
// must not leave a default in force): the kiosk never runs half-configured.
//
//   server           https URL of the registration server (http only on loopback), required
//   site             the 考点 code this terminal serves, as the server names it ([a-z0-9-], 1–32), required
//   printer          a CUPS queue name, or "pdf:DIR" (write each print as a PDF file into DIR: trials, the demo), required
//   staffPinHash     libsodium crypto_pwhash_str of the staff PIN ($argon2id$...), written by --kiosk-set-pin, required
//   idleTimeout      seconds without a touch or key before the countdown, 30–3600, default 90
//   staffIdleTimeout the same for a staff session, 15–3600, default 60
//   countdown        seconds the countdown shows before the wipe, 10–120, default 30
//   camera           "none", "default" (the system's default camera) or a camera's id or description; default "default"
//   onScreenKeyboard true/false: Qt Virtual Keyboard with Pinyin for terminals without a keyboard; default false
//   language         the welcome screen's language, zh_CN or en; default zh_CN
struct KioskConfig
{
    Q_DECLARE_TR_FUNCTIONS(KioskConfig)

public:
    // A setting that is missing or wrong: which key, what it expects (translated), what the file holds.
    struct Problem
    {
        QString file;
        QString key;
        QString expected;
        QString found; // empty when the key is missing
        bool missing = false;
        // One translated sentence naming the file, the key and what it expects.
        QString message() const;
    };

    QUrl server;
    QString site;
    QString printer;
    QByteArray staffPinHash;
    int idleSeconds = 90;
    int staffIdleSeconds = 60;
    int countdownSeconds = 30;
    QString camera = QStringLiteral("default");
    bool onScreenKeyboard = false;
    QString language = QStringLiteral("zh_CN");

    // "pdf:DIR" printers write files; anything else names a CUPS queue.
    bool printsToFiles() const { return printer.startsWith(QLatin1String("pdf:")); }
    QString printDirectory() const { return printsToFiles() ? printer.mid(4) : QString(); }

    static Result<KioskConfig, Problem> load(const QString &path);
    // The INI text of this configuration (what --kiosk --demo writes, what docs/kiosk.md shows).
    QByteArray toIni() const;
    // The system-wide file --kiosk reads without --kiosk-config (platform-specific; docs/kiosk.md).
    static QString defaultPath();

    // Staff PINs: 6 to 12 digits, not one digit repeated and not a run (123456, 987654). Empty when acceptable,
    // else the translated reason.
    static QString pinProblem(const QString &pin);
    // Writes `pinHash` as staffPinHash into the INI file at `path` (created, mode 0640, when missing; other lines
    // and the file's permissions kept). The translated reason on failure.
    static Result<void, QString> writePinHash(const QString &path, const QByteArray &pinHash);
};

} // namespace ncre
