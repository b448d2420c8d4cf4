#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace ncre {

// The idle countdown over the whole kiosk window (issue 16): "are you still there", the seconds left in large
// figures, and a «continue» button — though any touch or key anywhere cancels it (IdleWatcher).
class IdleOverlay : public QWidget
{
    Q_OBJECT

public:
    explicit IdleOverlay(QWidget *parent);

    void showCountdown(int secondsLeft);
    // A staff member's session says what ends for them (their login, back to the welcome screen), not a candidate's.
    void setStaffSession(bool staff);
    int shownSeconds() const { return m_seconds; }
    void retranslate();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_title;
    QLabel *m_secondsLabel;
    QLabel *m_text;
    QPushButton *m_continue;
    int m_seconds = 0;
    bool m_staff = false;
};

} // namespace ncre
