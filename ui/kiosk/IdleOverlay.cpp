#include "IdleOverlay.h"

#include <QFrame>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

IdleOverlay::IdleOverlay(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("idleOverlay"));
    auto *card = new QFrame(this);
    card->setObjectName(QStringLiteral("idleCard"));
    card->setStyleSheet(QStringLiteral("QFrame#idleCard { background: white; border-radius: 12px; }"));
    card->setMinimumWidth(520);
    m_title = new QLabel(card);
    m_title->setStyleSheet(QStringLiteral("font-size: 20pt; font-weight: 600;"));
    m_title->setAlignment(Qt::AlignCenter);
    m_secondsLabel = new QLabel(card);
    m_secondsLabel->setObjectName(QStringLiteral("idleSeconds"));
    m_secondsLabel->setStyleSheet(QStringLiteral("font-size: 64pt; font-weight: 700; color: #B00020;"));
    m_secondsLabel->setAlignment(Qt::AlignCenter);
    m_text = new QLabel(card);
    m_text->setObjectName(QStringLiteral("idleText"));
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignCenter);
    m_continue = new QPushButton(card);
    m_continue->setObjectName(QStringLiteral("idleContinue"));
    m_continue->setDefault(true);
    // The press itself is the input that cancels the countdown; the button only has to be there to be pressed.
    connect(m_continue, &QPushButton::clicked, this, &QWidget::hide);

    auto *inner = new QVBoxLayout(card);
    inner->setContentsMargins(32, 24, 32, 24);
    inner->addWidget(m_title);
    inner->addWidget(m_secondsLabel);
    inner->addWidget(m_text);
    inner->addWidget(m_continue);
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(card, 0, Qt::AlignHCenter);
    outer->addStretch(1);
    retranslate();
}

void IdleOverlay::retranslate()
{
    m_title->setText(tr("Are you still there?"));
    m_continue->setText(tr("Continue"));
    showCountdown(m_seconds);
}

void IdleOverlay::showCountdown(int secondsLeft)
{
    m_seconds = secondsLeft;
    m_secondsLabel->setText(QString::number(secondsLeft));
    if (m_staff) {
        m_text->setText(tr("This staff session ends in %n second(s): you are logged out and the terminal returns to the "
                           "welcome screen. Touch the screen to continue.",
                           nullptr, secondsLeft));
        return;
    }
    m_text->setText(tr("For your privacy, this session ends in %n second(s) and everything you entered is removed "
                       "from this terminal (what you saved on the server stays). Touch the screen to continue.",
                       nullptr, secondsLeft));
}

void IdleOverlay::setStaffSession(bool staff)
{
    m_staff = staff;
    showCountdown(m_seconds);
}

void IdleOverlay::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    // Opaque: what is on the page (a candidate's data, the staff's queue) is not readable from behind the warning by
    // whoever walks up.
    painter.fillRect(rect(), QColor(16, 20, 28));
}

} // namespace ncre
