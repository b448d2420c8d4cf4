#pragma once

#include "RegistrationFlow.h"

#include <QTimer>
#include <QUrl>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;

namespace ncre {

class ConfirmPanel;

// 网上支付: the amount (from the chosen subjects' fees before an order exists) and the order; «Pay» opens the payment
// platform in the system browser — after a confirmation of what an open order locks —, reopening the open order,
// never a second one, and warning when it may already be paid; the open order's address is always shown with a QR
// code and «复制链接», so a candidate without a browser (or whose browser did not open) pays from a phone;
// «我已支付，更新支付信息» asks the platform again. The status follows the polling by itself.
class PaymentPage : public QWidget
{
    Q_OBJECT

public:
    explicit PaymentPage(RegistrationFlow &flow, QWidget *parent = nullptr);

    // How the payment platform's page is opened (QDesktopServices::openUrl in the app): true when a browser took it.
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_open = std::move(opener); }
    void refresh();
    // At a kiosk (issue 16): no browser — the QR code is the way to pay, and while an order is open the page asks
    // the platform every `pollMs` by itself until the payment arrives (the «I have paid» button stays).
    void setPhoneOnly(int pollMs = 5000);

private:
    bool m_refusalShown = false;
    bool m_phoneOnly = false;
    bool m_polling = false;
    bool m_payResting = false; // «Pay» rests a moment after an answer: a double tap makes one order, not a reopen
    QTimer *m_poll = nullptr;
    void pay();
    void showPayLink(const QUrl &url);
    void showAmountBeforeOrder();

    RegistrationFlow &m_flow;
    std::function<bool(const QUrl &)> m_open;
    QLabel *m_amount;
    QWidget *m_link;
    QLabel *m_qr;
    QLabel *m_url;
    QPushButton *m_copy;
    QLabel *m_order;
    QPushButton *m_pay;
    ConfirmPanel *m_confirm;
    QPushButton *m_paid;
    QLabel *m_status;
};

} // namespace ncre
