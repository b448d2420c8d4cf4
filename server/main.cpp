// ncre-server: the reference NCRE registration API (architecture §3-§4, docs/openapi.yaml).
//   ncre-server [--listen HOST:PORT] [--db PATH|postgresql://USER@HOST:PORT/DB] [--seed demo] [--test-hooks] [--kdf interactive|minimal] [--parent-pid PID]
//               [--max-rps N] [--config FILE] [--trust-proxy]
// Prints "ncre-server listening on <url>" once it accepts connections. Exit codes: 0 stopped, 1 could not start,
// 2 bad command line.
#include "ServerApp.h"
#include "ServerLogging.h"
#include "StopSignals.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <optional>
#include <QRegularExpression>
#include <QTimer>

#include <cstdio>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <cerrno>
#include <csignal>
#endif

using namespace ncre::server;

namespace {

// Whether process `pid` still runs (POSIX: signal 0 probes without sending; Windows: an open, unsignalled handle).
bool processAlive(qint64 pid)
{
#ifdef Q_OS_WIN
    HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, DWORD(pid));
    if (!h)
        return false;
    const bool alive = WaitForSingleObject(h, 0) == WAIT_TIMEOUT;
    CloseHandle(h);
    return alive;
#else
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
#endif
}


int usageError(const QCommandLineParser &, const QString &message)
{
    // The one line that matters, not buried under the whole help.
    std::fprintf(stderr, "ncre-server: %s\n(ncre-server --help lists the options)\n", qPrintable(message));
    return 2;
}


} // namespace

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0 || qstrcmp(argv[i], "-v") == 0) {
            std::printf("ncre-server %s\n", NCRE_VERSION);
            return 0;
        }
    }
    // PDFs and captcha images are drawn with QPainter: a GUI application, but never a window.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The platform asks for a runtime folder, which a service or a container often lacks (XDG_RUNTIME_DIR unset):
    // Qt would warn on every start, --help included. A private one (mode 0700) for this process instead.
    std::optional<QTemporaryDir> runtimeDir;
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        runtimeDir.emplace(QDir::tempPath() + QStringLiteral("/ncre-server-runtime-XXXXXX"));
        if (runtimeDir->isValid())
            qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtimeDir->path()));
    }
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ncre-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NCRE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("NCRE registration API server"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to listen on (default 127.0.0.1:8080; port 0 picks a free one)."),
                                    QStringLiteral("host:port"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("SQLite database file, or postgresql://USER@HOST[:PORT]/DB (password from PGPASSWORD "
                                               "or a .pgpass file; default: a temporary in-memory database)."),
                                QStringLiteral("path|url"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Load seed data into an empty database: demo."),
                                  QStringLiteral("name"));
    QCommandLineOption hooks(QStringLiteral("test-hooks"), QStringLiteral("Enable test hooks (loopback only; never in production)."));
#ifndef NCRE_TEST_HOOKS
    hooks.setFlags(QCommandLineOption::HiddenFromHelp); // refused below: not offered
#endif
    const QCommandLineOption kdf(QStringLiteral("kdf"), QStringLiteral("Password hashing cost: interactive (default) or minimal (tests and benchmarks only)."),
                                 QStringLiteral("profile"), QStringLiteral("interactive"));
    const QCommandLineOption maxRps(QStringLiteral("max-rps"),
                                    QStringLiteral("Overload mode: serve at most N requests per second, answer the rest 503 with Retry-After (default 0: off)."),
                                    QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption parentPid(QStringLiteral("parent-pid"),
                                       QStringLiteral("Stop when process PID ends (ncre-desk --demo passes its own)."),
                                       QStringLiteral("PID"));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("Configuration file (INI): connection, request and hashing limits; "
                                                   "see docs/operator-guide.md."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption trustProxy(QStringLiteral("trust-proxy"),
                                        QStringLiteral("A reverse proxy is in front: take the client's address from the last "
                                                       "X-Forwarded-For entry (for the per-address limits)."));
    parser.addOptions({listen, db, seed, hooks, kdf, maxRps, parentPid, config, trustProxy});
    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("ncre-server %s\n", NCRE_VERSION);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first()));

    ServerOptions options;
    static const QRegularExpression hostPort(QStringLiteral("^(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+):([0-9]{1,5})$"));
    const auto m = hostPort.match(parser.value(listen));
    const int port = m.hasMatch() ? m.captured(2).toInt() : -1;
    QString host = m.captured(1);
    if (host.startsWith(QLatin1Char('[')))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    if (!m.hasMatch() || port > 65535 || QHostAddress(host).isNull())
        return usageError(parser, QStringLiteral("--listen expects HOST:PORT with a numeric address, e.g. 127.0.0.1:8080"));
    options.host = QHostAddress(host);
    options.port = quint16(port);
    options.databasePath = parser.value(db);
    // An empty --db (NCRE_DB unset or misspelt in the unit's environment file) would otherwise mean a throw-away
    // database in memory: every registration lost at the next restart.
    if (parser.isSet(db) && options.databasePath.trimmed().isEmpty())
        return usageError(parser, QStringLiteral("--db is empty: give an SQLite file or a postgresql:// URL "
                                                 "(under systemd: is NCRE_DB set in /etc/ncre-server/database.env?)"));
    if (parser.isSet(seed)) {
        if (parser.value(seed) != QLatin1String("demo"))
            return usageError(parser, QStringLiteral("--seed knows only: demo"));
        options.seedDemo = true;
    }
    options.testHooks = parser.isSet(hooks);
#ifndef NCRE_TEST_HOOKS
    if (options.testHooks)
        return usageError(parser, QStringLiteral("--test-hooks: this ncre-server was built without test hooks "
                                                 "(NCRE_TEST_HOOKS=OFF, as packages are)"));
#endif
    if (options.testHooks && !options.host.isLoopback())
        return usageError(parser, QStringLiteral("--test-hooks is allowed only on a loopback address"));
    if (parser.value(kdf) == QLatin1String("minimal"))
        options.kdf = Credentials::KdfProfile::Minimal;
    else if (parser.value(kdf) != QLatin1String("interactive"))
        return usageError(parser, QStringLiteral("--kdf expects interactive or minimal"));

    bool rpsOk = false;
    options.maxRequestsPerSecond = parser.value(maxRps).toInt(&rpsOk);
    if (!rpsOk || options.maxRequestsPerSecond < 0 || options.maxRequestsPerSecond > 1000000)
        return usageError(parser, QStringLiteral("--max-rps expects a number from 0 to 1000000"));

    const auto loaded = ServerConfig::load(parser.value(config));
    if (!loaded)
        return usageError(parser, QStringLiteral("%1 %2").arg(loaded.error().field, loaded.error().detail));
    options.config = loaded.value();
    options.trustProxy = parser.isSet(trustProxy);

    qint64 watched = 0;
    if (parser.isSet(parentPid)) {
        bool pidOk = false;
        watched = parser.value(parentPid).toLongLong(&pidOk);
        if (!pidOk || watched <= 0)
            return usageError(parser, QStringLiteral("--parent-pid expects a process id"));
    }

    ServerApp server(options);
    if (const auto started = server.start(); !started) {
        std::fprintf(stderr, "ncre-server: %s\n", qPrintable(started.error().detail));
        return 1;
    }
    // Before the line below: whoever waits for it may stop the server at once.
    ncre::stopOnSignals(app, []() {
        qCInfo(lcServer) << "stop requested by a signal";
        QCoreApplication::quit();
    });
    std::printf("ncre-server listening on %s\n", qPrintable(server.baseUrl()));
    std::fflush(stdout);
    // A demo server ends with the app that started it, however the app ended (even killed): checked each second.
    QTimer parentWatch;
    if (watched > 0) {
        QObject::connect(&parentWatch, &QTimer::timeout, &app, [watched]() {
            if (!processAlive(watched)) {
                qCInfo(lcServer) << "parent process" << watched << "ended; stopping";
                QCoreApplication::quit();
            }
        });
        parentWatch.start(1000);
    }
    const int code = app.exec();
    std::printf("ncre-server stopped\n");
    return code;
}
