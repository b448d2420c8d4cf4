#include "PinPad.h"

#include "PinGate.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace ncre {

PinPad::PinPad(PinGate &gate, QWidget *parent)
    : QWidget(parent)
    , m_gate(gate)
{
    setObjectName(QStringLiteral("kioskPinPad"));
    m_pin = new QLineEdit(this);
    m_pin->setObjectName(QStringLiteral("staffPin"));
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setMaxLength(12);
    m_pin->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,12}")), m_pin));
    m_pin->setAlignment(Qt::AlignCenter);
    m_pin->setStyleSheet(QStringLiteral("font-size: 24pt;"));
    m_pin->setAccessibleName(tr("Staff PIN"));
    m_pin->setFixedWidth(360);
    connect(m_pin, &QLineEdit::returnPressed, this, &PinPad::submit);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("staffPinStatus"));
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setStyleSheet(QStringLiteral("color: #B00020;"));

    auto *grid = new QGridLayout;
    grid->setSpacing(12);
    for (int d = 1; d <= 10; ++d) {
        const QString digit = QString::number(d % 10);
        auto *key = new QPushButton(digit, this);
        key->setObjectName(QStringLiteral("pinKey") + digit);
        key->setFixedSize(112, 80);
        key->setStyleSheet(QStringLiteral("font-size: 22pt;"));
        key->setFocusPolicy(Qt::NoFocus);
        connect(key, &QPushButton::clicked, this, [this, digit]() { press(digit); });
        m_keys.append(key);
        grid->addWidget(key, d == 10 ? 3 : (d - 1) / 3, d == 10 ? 1 : (d - 1) % 3);
    }
    auto *erase = new QPushButton(QStringLiteral("⌫"), this);
    erase->setObjectName(QStringLiteral("pinErase"));
    erase->setAccessibleName(tr("Erase a digit"));
    erase->setFixedSize(112, 80);
    erase->setFocusPolicy(Qt::NoFocus);
    connect(erase, &QPushButton::clicked, m_pin, &QLineEdit::backspace);
    grid->addWidget(erase, 3, 0);
    m_ok = new QPushButton(tr("OK"), this);
    m_ok->setObjectName(QStringLiteral("pinOk"));
    m_ok->setFixedSize(112, 80);
    connect(m_ok, &QPushButton::clicked, this, &PinPad::submit);
    grid->addWidget(m_ok, 3, 2);
    m_keys.append(erase);

    auto *back = new QPushButton(tr("Back"), this);
    back->setObjectName(QStringLiteral("pinBack"));
    connect(back, &QPushButton::clicked, this, &PinPad::cancelled);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_pin, 0, Qt::AlignHCenter);
    layout->addWidget(m_status);
    layout->addLayout(grid);
    layout->setAlignment(grid, Qt::AlignHCenter);
    layout->addSpacing(24);
    layout->addWidget(back, 0, Qt::AlignHCenter);
    layout->addStretch(1);

    m_lockTick.setInterval(1000);
    connect(&m_lockTick, &QTimer::timeout, this, &PinPad::showLock);
    connect(&m_gate, &PinGate::refused, this, [this](int left) {
        m_pin->clear();
        m_status->setText(tr("Wrong PIN. %n try(s) left before the PIN is locked for five minutes.", nullptr, left));
        m_ok->setEnabled(true);
    });
    connect(&m_gate, &PinGate::lockedOut, this, [this]() {
        m_pin->clear();
        showLock();
    });
    connect(&m_gate, &PinGate::accepted, this, [this]() {
        m_pin->clear();
        m_status->clear();
        m_ok->setEnabled(true);
    });
}

QString PinPad::hint()
{
    return tr("Staff only: enter the staff PIN. A candidate can touch «Back».");
}

void PinPad::reset()
{
    m_pin->clear();
    m_status->clear();
    showLock();
    m_pin->setFocus();
}

void PinPad::press(const QString &digit)
{
    if (m_pin->text().size() < m_pin->maxLength())
        m_pin->insert(digit);
}

void PinPad::submit()
{
    if (m_gate.isLocked() || m_gate.isChecking() || m_pin->text().isEmpty())
        return;
    m_ok->setEnabled(false);
    m_status->setText(tr("Checking…"));
    m_gate.check(m_pin->text());
}

void PinPad::showLock()
{
    const int seconds = m_gate.secondsLocked();
    const bool locked = seconds > 0;
    for (QPushButton *key : std::as_const(m_keys))
        key->setEnabled(!locked);
    m_pin->setEnabled(!locked);
    m_ok->setEnabled(!locked && !m_gate.isChecking());
    if (locked) {
        m_status->setText(tr("Too many wrong PINs. The PIN can be tried again in %1.")
                              .arg(QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'))));
        if (!m_lockTick.isActive())
            m_lockTick.start();
    } else if (m_lockTick.isActive()) {
        m_lockTick.stop();
        m_status->clear();
    }
}

} // namespace ncre
