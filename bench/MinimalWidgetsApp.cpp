// The floor for ncre-desk's start-up: a bare Qt Widgets QMainWindow with a label, shown and quit at its first
// paint. Built in the same tree, measured in the same run (bench/desk.py).
#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QTimer>

namespace {

class Window : public QMainWindow
{
public:
    Window() { setCentralWidget(new QLabel(QStringLiteral("NCRE"))); }

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QMainWindow::paintEvent(event);
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    Window w;
    w.resize(520, 240);
    w.show();
    return app.exec();
}
