#include "DemoServer.h"

#include "WorkflowLogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace ncre {

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, [this]() {
        if (m_url.isValid())
            return;
        m_stdout += m_process.readAllStandardOutput();
        const qsizetype newline = m_stdout.indexOf('\n');
        if (newline < 0)
            return;
        const QByteArray line = m_stdout.left(newline);
        const QByteArray marker = "listening on ";
        const qsizetype at = line.indexOf(marker);
        const QUrl url(QString::fromLatin1(line.mid(at + marker.size()).trimmed()));
        if (at < 0 || !url.isValid()) {
            emit failed(QString::fromLocal8Bit(line));
            return;
        }
        m_url = url;
        qCInfo(lcWorkflow).noquote() << "demo server ready at" << url.toString();
        emit ready(url);
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        if (!m_url.isValid())
            emit failed(m_process.errorString());
    });
    connect(&m_process, &QProcess::finished, this, [this](int code) {
        if (!m_url.isValid())
            emit failed(QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed() + QStringLiteral(" (exit %1)").arg(code));
    });
}

DemoServer::~DemoServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(3000);
    }
}

QString DemoServer::findBinary()
{
    QString fromEnv = qEnvironmentVariable("NCRE_SERVER_BINARY");
    if (!fromEnv.isEmpty())
        return fromEnv;
    // Beside ncre-desk: installed (bin/) and in the build tree (bin/, the same layout: cmake/NcreLayout.cmake).
#ifdef Q_OS_WIN
    QString name = QStringLiteral("ncre-server.exe");
#else
    QString name = QStringLiteral("ncre-server");
#endif
    const QString beside = QCoreApplication::applicationDirPath() + QLatin1Char('/') + name;
    if (QFileInfo(beside).isExecutable())
        return QFileInfo(beside).canonicalFilePath();
    return name; // from PATH
}

namespace {
QString &dataDirectoryOverride()
{
    static QString dir;
    return dir;
}
} // namespace

void DemoServer::setDataDirectory(const QString &dir)
{
    dataDirectoryOverride() = dir;
}

QString DemoServer::dataDirectory()
{
    if (!dataDirectoryOverride().isEmpty())
        return dataDirectoryOverride();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
}

bool DemoServer::reset(QString *why)
{
    QDir dir(dataDirectory());
    if (!dir.exists())
        return true;
    for (const QString &name : dir.entryList({QStringLiteral("demo.sqlite*")}, QDir::Files)) {
        if (!dir.remove(name)) {
            if (why)
                *why = QStringLiteral("cannot remove %1").arg(dir.filePath(name));
            return false;
        }
    }
    return true;
}

void DemoServer::start(const QStringList &extraArguments)
{
    QDir().mkpath(dataDirectory());
    m_process.setProgram(findBinary());
    m_process.setArguments(QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--seed"),
                                       QStringLiteral("demo"), QStringLiteral("--db"),
                                       dataDirectory() + QStringLiteral("/demo.sqlite"), QStringLiteral("--parent-pid"),
                                       QString::number(QCoreApplication::applicationPid())}
                           + extraArguments);
#ifdef Q_OS_LINUX
    // Killed with the app, even by SIGKILL (the server's own watch covers the other systems).
    m_process.setChildProcessModifier([]() { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start();
}

} // namespace ncre
