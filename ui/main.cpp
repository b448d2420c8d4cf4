// ncre-desk: the NCRE registration client (architecture §7).
//   ncre-desk [--server URL | --demo [--demo-reset]] [--lang zh_CN|en] [--verbose]
//   ncre-desk --kiosk [--kiosk-config FILE | --demo] [--lang zh_CN|en]     (docs/kiosk.md)
//   ncre-desk --kiosk-set-pin [--kiosk-config FILE]                         (reads the PIN twice from standard input)
//   ncre-desk --version | --self-test
#include "DemoServer.h"
#include "Desk.h"
#include "Kiosk.h"
#include "KioskConfig.h"
#include "KioskWindow.h"
#include "QtCameraSource.h"
#include "SecretBox.h"
#include "StopSignals.h"
#include "SelfTest.h"
#include "Theme.h"
#include "Translations.h"

#include <QApplication>

#include <cstdio>
#include <QDir>
#include <QFileInfo>
#include <QPrinterInfo>
#include <QIcon>
#include <QStandardPaths>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

#include <QRandomGenerator>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

using namespace ncre;

namespace {

struct KioskCli
{
    Q_DECLARE_TR_FUNCTIONS(KioskCli)
};

// One line from standard input, without echo when it is a terminal.
QString readSecretLine()
{
#ifdef Q_OS_UNIX
    termios saved{};
    const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
#endif
    char buffer[256] = {};
    const bool got = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
#ifdef Q_OS_UNIX
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputc('\n', stderr);
    }
#endif
    return got ? QString::fromLocal8Bit(buffer).trimmed() : QString();
}

// `ncre-desk --kiosk-set-pin [--kiosk-config FILE]`: exit 0 when the hash was written, 2 otherwise.
int setKioskPin(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Translations translations;
    translations.install(QLocale().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en"));
    QCommandLineParser parser;
    const QCommandLineOption setPin(QStringLiteral("kiosk-set-pin"), QStringLiteral("Set the kiosk's staff PIN."));
    const QCommandLineOption config(QStringLiteral("kiosk-config"), QStringLiteral("The kiosk configuration file."),
                                    QStringLiteral("FILE"), KioskConfig::defaultPath());
    parser.addOptions({setPin, config});
    if (!parser.parse(app.arguments()) || !parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "ncre-desk: %s\n", qPrintable(KioskCli::tr("usage: ncre-desk --kiosk-set-pin [--kiosk-config FILE]")));
        return 2;
    }
    const QString path = parser.value(config);
    // Where it goes is checked before the PIN is asked for.
    const QFileInfo target(path);
    if (target.isDir() || (target.exists() && !target.isWritable()) || (!target.exists() && !QFileInfo(target.absolutePath()).isWritable())) {
        std::fprintf(stderr, "ncre-desk: %s\n", qPrintable(KioskCli::tr("%1 cannot be written.").arg(QDir::toNativeSeparators(path))));
        return 2;
    }
    if (target.exists() && (target.permissions() & QFileDevice::ReadOther))
        std::fprintf(stderr, "ncre-desk: %s\n",
                     qPrintable(KioskCli::tr("Warning: %1 is readable by every user; it will hold the PIN's hash. chmod 640 it.")
                                    .arg(QDir::toNativeSeparators(path))));
    std::fprintf(stderr, "%s", qPrintable(KioskCli::tr("New staff PIN (6 to 12 digits): ")));
    const QString pin = readSecretLine();
    if (const QString why = KioskConfig::pinProblem(pin); !why.isEmpty()) {
        std::fprintf(stderr, "ncre-desk: %s\n", qPrintable(why));
        return 2;
    }
    std::fprintf(stderr, "%s", qPrintable(KioskCli::tr("The same PIN again: ")));
    if (readSecretLine() != pin) {
        std::fprintf(stderr, "ncre-desk: %s\n", qPrintable(KioskCli::tr("The two PINs differ; nothing was changed.")));
        return 2;
    }
    const QByteArray hash = SecretBox::passwordVerifier(pin);
    if (hash.isEmpty()) {
        std::fprintf(stderr, "ncre-desk: %s\n", qPrintable(KioskCli::tr("The PIN could not be hashed (out of memory).")));
        return 2;
    }
    if (const auto written = KioskConfig::writePinHash(path, hash); !written) {
        std::fprintf(stderr, "ncre-desk: %s\n", qPrintable(written.error()));
        return 2;
    }
    std::printf("%s\n", qPrintable(KioskCli::tr("The staff PIN of %1 is set.").arg(QDir::toNativeSeparators(path))));
    return 0;
}

// A PIN for the demo kiosk: random, and one KioskConfig::pinProblem accepts.
QString demoPin()
{
    for (;;) {
        QString pin = QStringLiteral("%1").arg(QRandomGenerator::system()->bounded(1000000), 6, 10, QLatin1Char('0'));
        if (KioskConfig::pinProblem(pin).isEmpty())
            return pin;
    }
}


// `ncre-desk --kiosk`: exit 2 for a bad command line or configuration (the message names the key), 1 when the
// kiosk cannot start, 0 when staff left kiosk mode.
int runKiosk(QApplication &app, const QCommandLineParser &parser, const QString &configPath)
{
    const bool demo = parser.isSet(QStringLiteral("demo"));
    if (parser.isSet(QStringLiteral("server"))) {
        fprintf(stderr, "ncre-desk: a kiosk's server is set in its configuration (server=), not with --server\n");
        return 2;
    }
    if (demo && !configPath.isEmpty()) {
        fprintf(stderr, "ncre-desk: use either --kiosk-config or --demo with --kiosk\n");
        return 2;
    }
    const QString forced = parser.value(QStringLiteral("lang"));
    if (!forced.isEmpty() && forced != QLatin1String("zh_CN") && forced != QLatin1String("en")) {
        fprintf(stderr, "ncre-desk: --lang must be zh_CN or en\n");
        return 2;
    }
    Translations translations;
    KioskConfig config;
    if (!demo) {
        const QString path = configPath.isEmpty() ? KioskConfig::defaultPath() : configPath;
        auto loaded = KioskConfig::load(path);
        if (!loaded) {
            translations.install(forced.isEmpty() ? QStringLiteral("en") : forced);
            fprintf(stderr, "ncre-desk: %s\n", qPrintable(loaded.error().message()));
            return 2;
        }
        config = loaded.value();
        // A 6-digit PIN falls to a search of its hash: say so when anybody may read it.
        if (QFileInfo(path).permissions() & QFileDevice::ReadOther)
            fprintf(stderr, "ncre-desk: warning: %s is readable by every user of this computer; it holds the staff PIN's "
                            "hash (chown root:ncre-kiosk and chmod 640 it)\n",
                    qPrintable(path));
    }
    // The demo's server data and prints live in the desktop app's folders: the kiosk's own are wiped after each
    // candidate.
    DemoServer::setDataDirectory(DemoServer::dataDirectory());
    const QString demoPrints = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/kiosk-demo-prints");
    QCoreApplication::setApplicationName(QStringLiteral("NCRE Desk Kiosk"));

    std::unique_ptr<Kiosk> kiosk;
    auto begin = [&](KioskConfig c) {
        if (!forced.isEmpty())
            c.language = forced;
        translations.install(c.language);
        theme::applyFont(c.language);
        // Devices may come later (CUPS starting after the kiosk, a camera plugged in): said at once, not refused.
        if (!c.printsToFiles() && QPrinterInfo::printerInfo(c.printer).isNull())
            fprintf(stderr, "ncre-desk: warning: the print queue «%s» is not known to CUPS (yet); documents cannot be "
                            "printed until it is\n", qPrintable(c.printer));
        if (const QString why = QtCameraSource(c.camera).unavailableReason(); !why.isEmpty())
            fprintf(stderr, "ncre-desk: warning: %s\n", qPrintable(why));
        kiosk = std::make_unique<Kiosk>(std::move(c), translations);
        QObject::connect(kiosk.get(), &Kiosk::quitRequested, &app, &QCoreApplication::quit, Qt::QueuedConnection);
        if (const auto started = kiosk->start(); !started) {
            fprintf(stderr, "ncre-desk: the kiosk cannot prepare its private folders: %s\n", qPrintable(started.error().detail));
            QCoreApplication::exit(1);
        }
    };
    // SIGTERM (the kiosk service stopped, a shutdown): the session's logout and wipe, then quit. Set before the kiosk
    // shows anything: a stop right after its first screen must still wipe and end cleanly.
    stopOnSignals(app, [&kiosk]() {
        if (!kiosk) {
            QCoreApplication::quit();
            return;
        }
        kiosk->endSession([&kiosk]() {
            kiosk->window()->allowClose();
            QCoreApplication::quit();
        });
    });
    DemoServer demoServer;
    if (demo) {
        const QString pin = demoPin();
        QObject::connect(&demoServer, &DemoServer::ready, &app, [&, pin](const QUrl &url) {
            KioskConfig c;
            c.server = url;
            c.site = QStringLiteral("bj-bit"); // a site that reviews, with the demo staff account staff.bit
            QDir().mkpath(demoPrints);
            c.printer = QStringLiteral("pdf:") + demoPrints;
            c.staffPinHash = SecretBox::passwordVerifier(pin);
            std::printf("%s\n", qPrintable(KioskCli::tr("Demo kiosk: the staff PIN is %1 (this run only); prints are written to %2.")
                                               .arg(pin, QDir::toNativeSeparators(demoPrints))));
            std::fflush(stdout);
            begin(std::move(c));
        });
        QObject::connect(&demoServer, &DemoServer::failed, &app, [&](const QString &why) {
            fprintf(stderr, "ncre-desk: the demo server could not start: %s\n", qPrintable(why));
            QCoreApplication::exit(1);
        });
        demoServer.start();
    } else {
        begin(config);
    }
    const int code = app.exec();
    kiosk.reset();
    return code;
}

} // namespace

int main(int argc, char *argv[])
{
    // Answered before any window system is needed (a package's post-install check, a headless server).
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0 || qstrcmp(argv[i], "-v") == 0) {
            std::printf("ncre-desk %s\n", NCRE_VERSION);
            return 0;
        }
        if (qstrcmp(argv[i], "--kiosk-set-pin") == 0)
            return setKioskPin(argc, argv);
        // Answers on a terminal need no display: without one, draw offscreen rather than abort.
        const bool terminalOnly = qstrcmp(argv[i], "--self-test") == 0 || qstrcmp(argv[i], "--help") == 0
            || qstrcmp(argv[i], "-h") == 0 || qstrcmp(argv[i], "--help-all") == 0;
        if (terminalOnly && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
            && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    // A kiosk configured for an on-screen keyboard: Qt Virtual Keyboard is an input method, chosen before the
    // application exists. (A configuration that does not load is reported by the kiosk itself, below.)
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--kiosk") != 0)
            continue;
        QString path = KioskConfig::defaultPath();
        bool demo = false;
        for (int j = 1; j < argc; ++j) {
            if (qstrcmp(argv[j], "--kiosk-config") == 0 && j + 1 < argc)
                path = QString::fromLocal8Bit(argv[j + 1]);
            demo = demo || qstrcmp(argv[j], "--demo") == 0;
        }
        if (demo)
            break;
        // Checked before any window system is needed: a configuration can be tried on a machine without a display.
        const auto peek = KioskConfig::load(path);
        if (!peek) {
            std::fprintf(stderr, "ncre-desk: %s\n", qPrintable(peek.error().message()));
            return 2;
        }
        if (peek->onScreenKeyboard && qEnvironmentVariableIsEmpty("QT_IM_MODULE"))
            qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    }
    QApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral(NCRE_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("NCRE"));
    QCoreApplication::setApplicationName(QStringLiteral("NCRE Desk"));
    // Wayland matches windows to their .desktop file (icon, name) by this id.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.ncredesk.NcreDesk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/ncre/icons/ncre-desk.svg"))); // SVG: sharp at any DPI

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("NCRE Desk: registration for the National Computer Rank Examination"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                      QStringLiteral("Check this installation (modules, PDF rendering, face model) and exit: 0 when whole."));
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Registration server (https, or http on loopback)."),
                                    QStringLiteral("URL"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Start a local ncre-server with demo data and use it."));
    const QCommandLineOption kiosk(QStringLiteral("kiosk"), QStringLiteral("Kiosk mode for exam sites."));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Language: zh_CN or en (default: the system's)."),
                                  QStringLiteral("LANG"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Print NCRE Desk's debug messages (personal data is never logged)."));
    const QCommandLineOption demoReset(QStringLiteral("demo-reset"),
                                       QStringLiteral("With --demo: start the demo over (its data is otherwise kept between runs)."));
    const QCommandLineOption kioskConfig(QStringLiteral("kiosk-config"),
                                         QStringLiteral("With --kiosk: the kiosk configuration (default %1).").arg(KioskConfig::defaultPath()),
                                         QStringLiteral("FILE"));
    const QCommandLineOption kioskSetPin(QStringLiteral("kiosk-set-pin"),
                                         QStringLiteral("Set the kiosk's staff PIN (read twice from standard input) in the kiosk configuration."));
    parser.addOptions({server, demo, demoReset, kiosk, kioskConfig, kioskSetPin, lang, verbose, selfTest});
    parser.process(app);
    if (parser.isSet(selfTest)) {
        QStringList lines;
        const int code = SelfTest::run(&lines);
        for (const QString &line : lines)
            std::printf("%s\n", qPrintable(line));
        return code;
    }
    if (parser.isSet(verbose)) // QT_LOGGING_RULES, when set, still has the last word
        QLoggingCategory::setFilterRules(QStringLiteral("ncre.*.debug=true"));

    if (parser.isSet(kiosk))
        return runKiosk(app, parser, parser.isSet(kioskConfig) ? parser.value(kioskConfig) : QString());
    if (parser.isSet(kioskConfig)) {
        fprintf(stderr, "ncre-desk: --kiosk-config goes with --kiosk or --kiosk-set-pin\n");
        return 2;
    }

    QSettings settings;
    const QString language = parser.isSet(lang) ? parser.value(lang)
                                                : settings.value(QStringLiteral("language"),
                                                                 QLocale().language() == QLocale::Chinese ? QStringLiteral("zh_CN")
                                                                                                          : QStringLiteral("en"))
                                                      .toString();
    if (language != QLatin1String("zh_CN") && language != QLatin1String("en")) {
        fprintf(stderr, "ncre-desk: --lang must be zh_CN or en\n");
        return 2;
    }
    if (parser.isSet(demoReset) && !parser.isSet(demo)) {
        fprintf(stderr, "ncre-desk: --demo-reset goes with --demo\n");
        return 2;
    }
    if (parser.isSet(server) && parser.isSet(demo)) {
        fprintf(stderr, "ncre-desk: use either --server or --demo\n");
        return 2;
    }
    Translations translations;
    translations.install(language);
    theme::applyFont(language);
    if (parser.isSet(lang))
        settings.setValue(QStringLiteral("language"), language);

    Desk desk;
    DemoServer demoServer;
    if (parser.isSet(demo)) {
        QObject::connect(&demoServer, &DemoServer::ready, &app, [&](const QUrl &url) {
            // The demo server's port changes from run to run: its kept session is filed under one name.
            if (!desk.setServer(url, QStringLiteral("demo://ncre-desk")).ok()) {
                QCoreApplication::exit(1);
                return;
            }
            desk.start();
        });
        QObject::connect(&demoServer, &DemoServer::failed, &app, [&](const QString &why) {
            QMessageBox::critical(nullptr, QObject::tr("NCRE Desk"),
                                  QObject::tr("The demo server could not start: %1").arg(why));
            QCoreApplication::exit(1);
        });
        if (QString why; parser.isSet(demoReset) && !DemoServer::reset(&why)) {
            fprintf(stderr, "ncre-desk: the demo cannot start over: %s\n", qPrintable(why));
            return 1;
        }
        demoServer.start();
    } else {
        const QString url = parser.isSet(server) ? parser.value(server) : settings.value(QStringLiteral("server")).toString();
        if (url.isEmpty()) {
            fprintf(stderr, "ncre-desk: no server: use --server URL (remembered) or --demo\n");
            return 2;
        }
        if (const auto set = desk.setServer(QUrl(url)); !set) {
            fprintf(stderr, "ncre-desk: the server must be https (or http on this computer): %s\n", qPrintable(url));
            return 2;
        }
        settings.setValue(QStringLiteral("server"), url);
        desk.start();
    }
    return app.exec();
}
