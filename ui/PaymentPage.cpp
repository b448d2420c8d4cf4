#include "PaymentPage.h"

#include "Alive.h"
#include "ConfirmPanel.h"
#include "DateText.h"
#include "ErrorText.h"
#include "ReviewPage.h"
#include "SubjectListModel.h"

#include "QrCode.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace ncre {

namespace {
constexpr int kPayRestMs = 1500; // longer than a double tap, shorter than a second thought
} // namespace

PaymentPage::PaymentPage(RegistrationFlow &flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
    , m_open([](const QUrl &url) { return QDesktopServices::openUrl(url); })
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
    // The open order's address, for a phone or another browser.
    m_link = new QWidget(this);
    m_link->setObjectName(QStringLiteral("payLink"));
    m_qr = new QLabel(m_link);
    m_qr->setObjectName(QStringLiteral("payQrCode"));
    m_qr->setAccessibleName(tr("QR code of the payment page"));
    m_url = new QLabel(m_link);
    m_url->setObjectName(QStringLiteral("payUrl"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_url->setWordWrap(true);
    m_copy = new QPushButton(tr("&Copy link"), m_link);
    m_copy->setObjectName(QStringLiteral("copyPayUrl"));
    auto *linkText = new QVBoxLayout;
    auto *linkIntro = new QLabel(tr("Pay from your phone: scan the code, or open this address in any browser:"), m_link);
    linkIntro->setWordWrap(true);
    linkText->addWidget(linkIntro);
    linkText->addWidget(m_url);
    linkText->addWidget(m_copy, 0, Qt::AlignLeft);
    linkText->addStretch(1);
    auto *linkLayout = new QHBoxLayout(m_link);
    linkLayout->setContentsMargins(0, 0, 0, 0);
    linkLayout->addWidget(m_qr);
    linkLayout->addLayout(linkText, 1);
    m_link->hide();
    connect(m_copy, &QPushButton::clicked, this, [this]() {
        QGuiApplication::clipboard()->setText(m_url->text());
        m_copy->setText(tr("Copied"));
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_pay);
    buttons->addWidget(m_paid);
    buttons->addStretch(1);
    // The page scrolls when the window is smaller than it (a small kiosk screen): the QR code keeps its size and is
    // never squeezed under the text next to it.
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_amount);
    layout->addWidget(m_order);
    layout->addLayout(buttons);
    layout->addWidget(m_confirm);
    layout->addWidget(m_status);
    layout->addWidget(m_link);
    layout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("paymentScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

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
        m_payResting = true;
        QTimer::singleShot(kPayRestMs, this, [this]() {
            m_payResting = false;
            refresh();
        });
        refresh();
        if (!attempt) {
            m_status->setText(attempt.error().code == ErrorCode::StateActionNotAllowed
                                  ? ErrorText::message(m_flow.refusal(RegistrationAction::CreatePayment))
                                  : ErrorText::message(attempt.error().code));
            return;
        }
        if (attempt->alreadyPaid) {
            m_status->setText(tr("This order is already paid. Nothing more to pay."));
            return;
        }
        const QUrl url(attempt->order.payUrl);
        showPayLink(url);
        const bool opened = m_open(url);
        QString text = attempt->reopened
            ? tr("Your order was already open: it has been reopened, not created again. If you have already paid it, "
                 "do not pay again — press «I have paid, update payment status».")
            : QString();
        if (!text.isEmpty())
            text += QLatin1Char(' ');
        if (m_phoneOnly)
            text += tr("Scan the code below with your phone and pay there. This screen updates by itself when the "
                       "payment arrives.");
        else
            text += opened ? tr("The payment platform opened in your browser; you can also pay from your phone with the "
                            "code below. Come back here when you have paid.")
                       : tr("No browser could be opened on this computer. Scan the code below with your phone, or copy "
                            "the address into a browser, and pay there. Come back here when you have paid.");
        m_status->setText(text);
    }));
}

void PaymentPage::setPhoneOnly(int pollMs)
{
    m_phoneOnly = true;
    m_open = [](const QUrl &) { return false; };
    m_copy->hide(); // nothing to paste into at a kiosk
    if (!m_poll) {
        m_poll = new QTimer(this);
        connect(m_poll, &QTimer::timeout, this, [this]() {
            if (std::exchange(m_polling, true))
                return; // the previous answer is not in yet
            m_flow.refreshPayment(alive(this, [this](const Result<void, Problem> &) {
                m_polling = false;
                refresh();
            }));
        });
    }
    m_poll->setInterval(pollMs);
    refresh();
}

void PaymentPage::refresh()
{
    const auto &r = m_flow.registration();
    const bool paid = m_flow.state() == RegistrationState::Paid || m_flow.state() == RegistrationState::Confirmed;
    const QDateTime now = m_flow.serverNow();
    const bool orderOpen = r && r->payment && r->payment->statusAt(now) == PaymentStatus::Open;
    if (r && r->payment && (orderOpen || r->payment->statusAt(now) == PaymentStatus::Paid)) {
        m_amount->setText(tr("Amount: %1").arg(SubjectListModel::yuan(r->payment->amountFen)));
        m_order->setText(orderOpen ? tr("Order %1, open until %2")
                                         .arg(r->payment->id,
                                              dateTimeText(r->payment->expiresAt))
                                   : tr("Order %1, paid").arg(r->payment->id));
    } else {
        showAmountBeforeOrder();
        m_order->setText(r && r->payment && r->payment->statusAt(now) == PaymentStatus::Expired
                             ? tr("Order %1 lapsed unpaid at %2; nothing was charged. «Pay» makes a new order.")
                                   .arg(r->payment->id,
                                        dateTimeText(r->payment->expiresAt))
                             : QString());
    }
    if (orderOpen && !paid)
        showPayLink(QUrl(r->payment->payUrl));
    else
        m_link->hide();
    if (m_poll) {
        if (orderOpen && !paid && !m_poll->isActive())
            m_poll->start();
        else if (!(orderOpen && !paid))
            m_poll->stop();
    }
    // At a kiosk the open order's QR code is on the page: «Pay» again would only reopen it.
    m_pay->setVisible(!paid && !(m_phoneOnly && orderOpen));
    m_pay->setEnabled(m_flow.can(RegistrationAction::CreatePayment) && !m_confirm->isVisible() && !m_payResting);
    m_paid->setVisible(!paid && r && r->payment);
    // «I have paid» appears where «Pay» was: it rests with it, so a double tap's second touch does not land on it.
    m_paid->setEnabled(!m_payResting);
    if (paid) {
        m_status->setText(tr("Paid. You can print your registration form now."));
    } else if (!m_flow.can(RegistrationAction::CreatePayment) && !orderOpen) {
        m_status->setText(m_flow.state() == RegistrationState::ReviewPending || m_flow.state() == RegistrationState::PhotoUploaded
                              ? tr("Payment opens once the test site has approved your registration.")
                              : ErrorText::message(m_flow.refusal(RegistrationAction::CreatePayment)));
        m_refusalShown = true;
    } else if (std::exchange(m_refusalShown, false)) {
        m_status->clear(); // why it could not be paid no longer holds
    }
}

void PaymentPage::showPayLink(const QUrl &url)
{
    if (m_url->text() != url.toString()) {
        m_url->setText(url.toString());
        // At a kiosk the phone scans from arm's length off a screen: 7 px a module (a payment address is a version
        // 4–6 code, 33–41 modules and the quiet zone, so about 290–350 px); at a desk, where the phone comes close, 4 px.
        const QPixmap code = QPixmap::fromImage(qrCodeImage(url.toString(), m_phoneOnly ? 7 : 4));
        m_qr->setPixmap(code);
        m_qr->setFixedSize(code.size()); // never squeezed or cut: a code missing a row does not scan
        m_copy->setText(tr("&Copy link"));
    }
    m_link->show();
}

void PaymentPage::showAmountBeforeOrder()
{
    const auto &r = m_flow.registration();
    if (!r || r->siteId.isEmpty() || r->subjectIds.isEmpty()) {
        m_amount->setText(tr("The amount is computed from your subjects when you pay."));
        return;
    }
    // The fees of the chosen subjects, as the site lists them: what the order will ask.
    const QString site = r->siteId;
    const QStringList chosen = r->subjectIds;
    m_flow.subjects(site, alive(this, [this, chosen](Result<QList<Subject>, Problem> subjects) {
        if (!subjects) {
            m_amount->setText(tr("The amount is computed from your subjects when you pay."));
            return;
        }
        qint64 fen = 0;
        for (const Subject &s : subjects.value())
            if (chosen.contains(s.id))
                fen += s.feeFen;
        m_amount->setText(tr("Amount to pay: %1 (%n subject(s))", nullptr, int(chosen.size())).arg(SubjectListModel::yuan(fen)));
    }));
}

} // namespace ncre
