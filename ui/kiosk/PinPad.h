#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ncre {

class PinGate;

// The staff PIN screen of the kiosk (issue 16): a masked field, a touch keypad, «确定» and «返回». Shows how many
// tries are left after a wrong PIN and, while the gate is locked, the time until it opens, counting down each second.
class PinPad : public QWidget
{
    Q_OBJECT

public:
    PinPad(PinGate &gate, QWidget *parent = nullptr);

    // Clears the field and shows the gate's state (locked or not).
    void reset();
    static QString hint();

signals:
    void cancelled();

private:
    void press(const QString &digit);
    void submit();
    void showLock();

    PinGate &m_gate;
    QLineEdit *m_pin;
    QLabel *m_status;
    QList<QPushButton *> m_keys;
    QPushButton *m_ok;
    QTimer m_lockTick;
};

} // namespace ncre
