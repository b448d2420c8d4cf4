#pragma once

#include <QObject>
#include <QProcess>
#include <QUrl>

namespace ncre {

// `ncre-desk --demo`: a local ncre-server with the demo data (accounts demo/Demo-pass-1, staff.bit/Staff-demo-1,
// four sites) on a free loopback port. Its database is kept between runs in the app's data folder (demo/), so a
// demo registration carries on where it was left; reset() starts over. The server ends with the app, however the
// app ends: it watches the app's process (--parent-pid), and on Linux the kernel also signals it when the app dies.
class DemoServer : public QObject
{
    Q_OBJECT

public:
    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;

    // The server binary: $NCRE_SERVER_BINARY, else next to this program or in the build tree's server/.
    static QString findBinary();
    // The folder holding the demo database (the app's data location, demo/, unless set).
    static QString dataDirectory();
    // Keeps the demo database in `dir` (the kiosk demo: the kiosk's own folders are wiped after each candidate).
    static void setDataDirectory(const QString &dir);
    // Deletes the kept demo database (`ncre-desk --demo-reset`); false with the reason if it cannot.
    static bool reset(QString *why = nullptr);
    void start(const QStringList &extraArguments = {});
    QUrl url() const { return m_url; }

signals:
    void ready(const QUrl &url);
    void failed(const QString &why);

private:
    QProcess m_process;
    QByteArray m_stdout;
    QUrl m_url;
};

} // namespace ncre
