// ncre-desk's start-up path up to the painted login window — the application, the translation and the interface font,
// the API client and session, the login window with its form and captcha request — quitting at the window's first
// paint. The server address points nowhere: the captcha request is sent but never awaited (bench/desk.py measures the process).
#include "LoginWindow.h"
#include "Theme.h"

#include <QApplication>
#include <QEvent>
#include <QTimer>
#include <QTranslator>

namespace {

class QuitOnFirstPaint : public QObject
{
protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTranslator ours;
    if (ours.load(QStringLiteral(":/i18n/ncre_zh_CN.qm")))
        QCoreApplication::installTranslator(&ours);
    ncre::theme::applyFont(QStringLiteral("zh_CN")); // as ncre-desk does for a Chinese interface
    ncre::ApiClient api;
    if (!api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:9"))).ok())
        return 1;
    ncre::AuthSession auth(api);
    ncre::LoginWindow login(api, auth);
    QuitOnFirstPaint quit;
    login.installEventFilter(&quit);
    login.show();
    return app.exec();
}
