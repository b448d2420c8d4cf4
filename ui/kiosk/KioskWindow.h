#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace ncre {

class IdleOverlay;

// The kiosk's one window (architecture §6, issue 16): full screen, frameless, always on top, and it cannot be
// closed — close events, Alt+F4, Esc and the quit and close shortcuts do nothing; only Kiosk::quit() (after the
// staff PIN) closes it. A header with the terminal's title, the step hint of the page shown and the staff button;
// the pages in a stack; the idle countdown over everything. Touch-sized: every control at least 44 px high.
class KioskWindow : public QWidget
{
    Q_OBJECT

public:
    explicit KioskWindow(QWidget *parent = nullptr);

    // Shows `page` (added to the stack if new) with its step hint. The previous page stays in the stack until
    // removed with dropPage().
    void showPage(QWidget *page, const QString &hint);
    void dropPage(QWidget *page);
    QWidget *currentPage() const;
    void setHint(const QString &hint);
    QString hint() const;
    IdleOverlay *idleOverlay() const { return m_overlay; }
    QPushButton *staffButton() const { return m_staff; }
    // The header's button that ends the candidate's session («返回首页», «退出并清除»); hidden when `text` is empty.
    void setEndButton(const QString &text);
    QPushButton *endButton() const { return m_end; }
    // Lets the next close through (quitting after the staff PIN).
    void allowClose() { m_closable = true; }
    // Retranslates the header (after the language changed).
    void retranslate();

    // The smallest height of a touch control, in device-independent pixels (issue 16: at least 44).
    static constexpr int kTouchMinimum = 48;

signals:
    void staffRequested();
    void endRequested();
    // The window fills its screen (the compositor granted full screen).
    void coversScreen();

protected:
    void closeEvent(QCloseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QLabel *m_title;
    QLabel *m_hint;
    QPushButton *m_staff;
    QPushButton *m_end;
    QStackedWidget *m_stack;
    IdleOverlay *m_overlay;
    bool m_closable = false;
    bool m_coverageTold = false;
};

} // namespace ncre
