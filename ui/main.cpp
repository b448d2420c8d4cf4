// ncre-desk: the NCRE registration client (architecture §7).
//   ncre-desk [--server URL | --demo [--demo-reset]] [--kiosk] [--lang zh_CN|en] [--verbose]
#include "DemoServer.h"
#include "Keychain.h"
#include "LoginWindow.h"
#include "Theme.h"
#include "Translations.h"
#include "MainWindow.h"

#include <QApplication>
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

namespace {

class Desk
{
    Q_DECLARE_TR_FUNCTIONS(Desk)

public:
    ApiClient api;
    AuthSession auth{api};
    TransferEngine transfers;
    Keychain keychain;
    std::unique_ptr<LocalStore> store;
    std::unique_ptr<RegistrationFlow> flow;
    std::unique_ptr<LoginWindow> login;
    std::unique_ptr<MainWindow> main;

    void showLogin()
    {
        main.reset();
        flow.reset();
        login = std::make_unique<LoginWindow>(api, auth);
        QObject::connect(login.get(), &LoginWindow::loggedIn, login.get(), [this]() { startFlow(); });
        login->show();
    }

    // The local store (drafts, outbox, kept documents), sealed with a key from the OS keychain. Without a keychain
    // the app still works, but nothing personal is kept on disk.
    void openStore(std::function<void()> then)
    {
        if (store) {
            then();
            return;
        }
        keychain.storeKey([this, then](Result<QByteArray> key) {
            if (key) {
                const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
                QDir().mkpath(dir);
                auto opened = std::make_unique<LocalStore>(key.value());
                const auto report = opened->open(QDir(dir).filePath(QStringLiteral("ncre-desk.sqlite")));
                if (report) {
                    store = std::move(opened);
                    if (!report->movedAsideTo.isEmpty())
                        QMessageBox::warning(nullptr, tr("NCRE Desk"),
                                             tr("The local data file was damaged and has been set aside; NCRE Desk "
                                                "starts afresh. Your registration on the server is not affected."));
                }
            } else {
                QMessageBox::warning(nullptr, tr("NCRE Desk"),
                                     tr("The system keychain is not available, so NCRE Desk cannot keep drafts on this "
                                        "computer. Everything you save still goes to the server."));
            }
            then();
        });
    }

    void startFlow()
    {
        openStore([this]() { startFlowWithStore(); });
    }

    void startFlowWithStore()
    {
        flow = std::make_unique<RegistrationFlow>(api, auth, transfers, store.get());
        flow->start([this](const Result<void, Problem> &) {
            main = std::make_unique<MainWindow>(*flow, auth.account().username);
            QObject::connect(main.get(), &MainWindow::logOutRequested, main.get(), [this]() {
                auth.logOut([this]() { QMetaObject::invokeMethod(qApp, [this]() { showLogin(); }, Qt::QueuedConnection); });
            });
            main->show();
            login->hide();
            if (login->passwordChangeRequested())
                main->changePassword();
        });
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("NCRE"));
    QCoreApplication::setApplicationName(QStringLiteral("NCRE Desk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/ncre/icons/ncre-desk.svg"))); // SVG: sharp at any DPI

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("NCRE Desk: registration for the National Computer Rank Examination"));
    parser.addHelpOption();
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
    parser.addOptions({server, demo, demoReset, kiosk, lang, verbose});
    parser.process(app);
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
            if (!desk.api.setBaseUrl(url).ok()) {
                QCoreApplication::exit(1);
                return;
            }
            desk.showLogin();
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
        if (const auto set = desk.api.setBaseUrl(QUrl(url)); !set) {
            fprintf(stderr, "ncre-desk: the server must be https (or http on this computer): %s\n", qPrintable(url));
            return 2;
        }
        settings.setValue(QStringLiteral("server"), url);
        desk.showLogin();
    }
    return app.exec();
}
