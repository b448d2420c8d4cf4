// ncre-desk: the NCRE registration client (architecture §7).
//   ncre-desk [--server URL | --demo [--demo-reset]] [--kiosk] [--lang zh_CN|en] [--verbose]
//   ncre-desk --version | --self-test
#include "DemoServer.h"
#include "Desk.h"
#include "SelfTest.h"
#include "Theme.h"
#include "Translations.h"

#include <QApplication>

#include <cstdio>
#include <QDir>
#include <QIcon>
#include <QStandardPaths>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

using namespace ncre;


int main(int argc, char *argv[])
{
    // Answered before any window system is needed (a package's post-install check, a headless server).
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0 || qstrcmp(argv[i], "-v") == 0) {
            std::printf("ncre-desk %s\n", NCRE_VERSION);
            return 0;
        }
    }
    QApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral(NCRE_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("NCRE"));
    QCoreApplication::setApplicationName(QStringLiteral("NCRE Desk"));
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
    parser.addOptions({server, demo, demoReset, kiosk, lang, verbose, selfTest});
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
    if (parser.isSet(kiosk)) {
        fprintf(stderr, "ncre-desk: kiosk mode is not available in this version\n");
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
