// The kiosk's hand-over between candidates (issue 16): from the end of the idle countdown to a fresh welcome screen,
// with everything in between — the server-side logout over loopback, the pages and flow torn down, the store's rows
// deleted and its file removed, the connection dropped, the clipboard cleared, and the files a candidate leaves
// (a downloaded form, a camera capture, a print spool file) overwritten and removed. A real ncre-server, offscreen.
// Writes {"rounds", "wipeMs": median, "samplesMs": [...]} to the file given; bench/desk.py compares it with a cold
// start of ncre-desk to its login window in the same run.
#include "Kiosk.h"
#include "KioskWindow.h"
#include "LoginWindow.h"
#include "SecretBox.h"
#include "Translations.h"
#include "integration/FlowRig.h"
#include "integration/ServerProcess.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>

using namespace ncre;

namespace {

bool waitUntil(const std::function<bool()> &done, int timeoutMs = 30000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

void put(const QString &path, qint64 bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(QByteArray(bytes, 'x'));
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: ncre-bench-kiosk-wipe OUT.json [ROUNDS]\n");
        return 2;
    }
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath("data")));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath("cache")));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath("config")));
    qputenv("XDG_STATE_HOME", QFile::encodeName(home.filePath("state")));
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ncre-bench-kiosk-wipe"));
    const int rounds = argc > 2 ? std::max(1, atoi(argv[2])) : 15;

    ServerProcess server;
    if (!server.waitReady())
        return 1;
    TestHttp hooks(server);
    hooks.registerAndLogIn(QStringLiteral("bench.kiosk"));

    QTemporaryDir prints;
    KioskConfig config;
    config.server = server.url(QString());
    config.site = QStringLiteral("bj-bit");
    config.printer = QStringLiteral("pdf:") + prints.path();
    config.staffPinHash = SecretBox::passwordVerifier(QStringLiteral("480213"));
    config.language = QStringLiteral("zh_CN");
    Translations translations;
    translations.install(config.language);
    Kiosk kiosk(config, translations);
    if (!kiosk.start())
        return 1;

    QList<double> samples;
    for (int round = 0; round < rounds; ++round) {
        kiosk.window()->findChild<QPushButton *>(QStringLiteral("welcomeLogIn"))->click();
        LoginWindow *login = kiosk.loginPage();
        if (!login || !waitUntil([&]() { return !login->captchaId().isEmpty(); }))
            return 1;
        login->findChild<QLineEdit *>(QStringLiteral("account"))->setText(QStringLiteral("bench.kiosk"));
        login->findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("Secret-pass-1"));
        login->findChild<QLineEdit *>(QStringLiteral("captchaAnswer"))->setText(hooks.captchaAnswer(login->captchaId()));
        login->findChild<QPushButton *>(QStringLiteral("logIn"))->click();
        if (!waitUntil([&]() { return kiosk.screen() == Kiosk::Screen::Registration; }))
            return 1;
        // What a candidate leaves: a draft in the store, a downloaded form, a camera capture, a print spool file.
        kiosk.flow()->editProfile(residentProfile());
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
        put(data + QStringLiteral("/downloads/form.pdf"), 200 * 1024);
        put(QDir::tempPath() + QStringLiteral("/capture.jpg"), 60 * 1024);
        put(QDir::tempPath() + QStringLiteral("/spool.ps"), 400 * 1024);

        bool wiped = false;
        const auto connection = QObject::connect(&kiosk, &Kiosk::wiped, &app, [&]() { wiped = true; });
        QElapsedTimer clock;
        clock.start();
        emit kiosk.idle().expired(); // the countdown's end
        if (!waitUntil([&]() { return wiped && kiosk.screen() == Kiosk::Screen::Welcome; }))
            return 1;
        samples.append(clock.nsecsElapsed() / 1e6);
        QObject::disconnect(connection);
    }
    QList<double> sorted = samples;
    std::sort(sorted.begin(), sorted.end());
    QJsonArray all;
    for (double s : samples)
        all.append(s);
    QFile out(QString::fromLocal8Bit(argv[1]));
    if (!out.open(QIODevice::WriteOnly))
        return 1;
    out.write(QJsonDocument(QJsonObject{{QStringLiteral("rounds"), rounds},
                                        {QStringLiteral("wipeMs"), sorted.at(sorted.size() / 2)},
                                        {QStringLiteral("samplesMs"), all}})
                  .toJson());
    return 0;
}
