#include "PaymentPage.h"

#include "Alive.h"
#include "ConfirmPanel.h"
#include "ErrorText.h"
#include "ReviewPage.h"
#include "SubjectListModel.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

PaymentPage::PaymentPage(RegistrationFlow &flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
    , m_open([](const QUrl &url) { QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("paymentPage"));
    m_amount = new QLabel(this);
    m_amount->setObjectName(QStringLiteral("paymentAmount"));
    m_order = new QLabel(this);
    m_order->setObjectName(QStringLiteral("paymentOrder"));
    m_order->setWordWrap(true);
    m_pay = new QPushButton(tr("&Pay"), this);
    m_pay->setObjectName(QStringLiteral("pay"));
    m_confirm = new ConfirmPanel(QStringLiteral("paymentConfirm"), tr("&Continue to payment"), this);
    m_paid = new QPushButton(tr("I have paid, &update payment status"), this);
    m_paid->setObjectName(QStringLiteral("paymentRefresh"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("paymentStatus"));
    m_status->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_pay);
    buttons->addWidget(m_paid);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_amount);
    layout->addWidget(m_order);
    layout->addLayout(buttons);
    layout->addWidget(m_confirm);
    layout->addWidget(m_status);
    layout->addStretch(1);

    connect(m_pay, &QPushButton::clicked, this, [this]() {
        const QString locks = ReviewPage::lockedText(m_flow.lockPreview(RegistrationAction::CreatePayment));
        if (locks.isEmpty()) {
            pay();
            return;
        }
        m_confirm->ask(tr("Open the payment order?") + QLatin1Char('\n') + locks);
        m_pay->setEnabled(false);
    });
    connect(m_confirm, &ConfirmPanel::cancelled, this, &PaymentPage::refresh);
    connect(m_confirm, &ConfirmPanel::confirmed, this, &PaymentPage::pay);
    connect(m_paid, &QPushButton::clicked, this, [this]() {
        m_paid->setEnabled(false);
        m_flow.refreshPayment(alive(this, [this](const Result<void, Problem> &r) {
            if (!r)
                m_status->setText(ErrorText::message(r.error().code));
            else if (m_flow.state() != RegistrationState::Paid)
                m_status->setText(tr("The payment platform has not received your payment yet. If you have just paid, "
                                     "try again in a minute."));
            refresh();
        }));
    });
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, &PaymentPage::refresh);
    refresh();
}

void PaymentPage::pay()
{
    m_pay->setEnabled(false);
    m_flow.pay(alive(this, [this](Result<RegistrationFlow::PaymentAttempt, Problem> attempt) {
        refresh();
        if (!attempt) {
            m_status->setText(ErrorText::message(attempt.error().code));
            return;
        }
        if (attempt->alreadyPaid) {
            m_status->setText(tr("This order is already paid. Nothing more to pay."));
            return;
        }
        m_status->setText(attempt->reopened
                              ? tr("Your order was already open: it has been reopened, not created again. If you have "
                                   "already paid it, do not pay again — press «I have paid, update payment status».")
                              : tr("The payment platform opens in your browser. Come back here when you have paid."));
        m_open(QUrl(attempt->order.payUrl));
    }));
}

void PaymentPage::refresh()
{
    const auto &r = m_flow.registration();
    const bool paid = m_flow.state() == RegistrationState::Paid || m_flow.state() == RegistrationState::Confirmed;
    if (r && r->payment) {
        m_amount->setText(tr("Amount: %1").arg(SubjectListModel::yuan(r->payment->amountFen)));
        m_order->setText(tr("Order %1, open until %2")
                             .arg(r->payment->id, QLocale().toString(r->payment->expiresAt.toLocalTime(), QLocale::ShortFormat)));
    } else {
        m_amount->setText(tr("The amount is computed from your subjects when you pay."));
        m_order->clear();
    }
    m_pay->setVisible(!paid);
    m_pay->setEnabled(m_flow.can(RegistrationAction::CreatePayment) && !m_confirm->isVisible());
    m_paid->setVisible(!paid && r && r->payment);
    m_paid->setEnabled(true);
    if (paid)
        m_status->setText(tr("Paid. You can print your registration form now."));
}

} // namespace ncre
