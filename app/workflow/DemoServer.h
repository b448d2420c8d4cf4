#pragma once

#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

namespace ncre {

// `ncre-desk --demo`: a local ncre-server with the demo data (accounts demo/Demo-pass-1, staff.bit/Staff-demo-1,
// four sites) on a free loopback port, with a database in a temporary folder that goes when the app quits.
class DemoServer : public QObject
{
    Q_OBJECT

public:
    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;

    // The server binary: $NCRE_SERVER_BINARY, else next to this program or in the build tree's server/.
    static QString findBinary();
    void start(const QStringList &extraArguments = {});
    QUrl url() const { return m_url; }

signals:
    void ready(const QUrl &url);
    void failed(const QString &why);

private:
    QProcess m_process;
    QTemporaryDir m_dir;
    QByteArray m_stdout;
    QUrl m_url;
};

} // namespace ncre
