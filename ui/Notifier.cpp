#include "Notifier.h"

#include "DateText.h"
#include "ErrorText.h"

#include <QApplication>
#include <QLocale>
#include <QIcon>
#include <QSystemTrayIcon>

#ifdef NCRE_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#endif

namespace ncre {

Notifier::Notifier(RegistrationFlow &flow, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_lastState(flow.state())
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/ncre/icons/ncre-desk.svg")), this);
        m_tray->setToolTip(tr("NCRE Desk"));
        m_tray->show();
    }
    connect(&flow, &RegistrationFlow::registrationChanged, this, &Notifier::stateChanged);
    connect(&flow, &RegistrationFlow::reminderDue, this, [this](const Reminder &r) {
        // The approval's own notice already named this deadline: its day-ahead reminder would say it again.
        if (r.deadline.kind == DeadlineKind::PaymentDue && r.deadline.at == m_announcedPaymentDue && r.leadSeconds > 3600)
            return;
        notify(tr("Reminder"), reminderText(r));
    });
    connect(&flow, &RegistrationFlow::seatsFreed, this, [this](const QString &siteId, const QString &subjectId, int seats) {
        const auto site = m_flow.site(siteId);
        notify(tr("Seats available"), tr("%n seat(s) free again for subject %1 at %2.", nullptr, seats)
                                          .arg(subjectId, site ? site->name : siteId));
    });
    connect(&flow, &RegistrationFlow::queuedSubmissionRefused, this, [this](const QString &, const Problem &p) {
        notify(tr("Not accepted"), tr("A change you made offline was refused by the server: %1").arg(ErrorText::message(p.code)));
    });
}

Notifier::~Notifier() = default;

QString Notifier::reminderText(const Reminder &r)
{
    const QString when = dateTimeText(r.deadline.at);
    switch (r.deadline.kind) {
    case DeadlineKind::RegistrationCloses: return tr("Registration closes at %1.").arg(when);
    case DeadlineKind::PaymentDue: return tr("Pay before %1, or the registration is cancelled.").arg(when);
    case DeadlineKind::TicketOpens: return tr("The admission ticket can be printed now.");
    case DeadlineKind::TicketCloses: return tr("Print your admission ticket before %1.").arg(when);
    case DeadlineKind::OnSiteConfirmation: return tr("Confirm on site before %1.").arg(when);
    }
    return {};
}

void Notifier::stateChanged(const Registration &registration)
{
    const auto previous = std::exchange(m_lastState, registration.state);
    if (!previous || *previous == registration.state)
        return;
    switch (registration.state) {
    case RegistrationState::ReviewApproved:
        if (registration.deadlines.paymentDue)
            m_announcedPaymentDue = registration.deadlines.paymentDue->toUTC();
        notify(tr("Review approved"), tr("The site approved your registration. Pay before %1.")
                                          .arg(registration.deadlines.paymentDue
                                                   ? dateTimeText(*registration.deadlines.paymentDue)
                                                   : QString()));
        break;
    case RegistrationState::ReviewRejected:
        notify(tr("Corrections needed"), tr("The site asked for corrections: «%1».")
                                             .arg(registration.review ? registration.review->reason : QString()));
        break;
    case RegistrationState::Paid:
        notify(tr("Payment confirmed"), tr("Your payment is confirmed. You can print your registration form."));
        break;
    case RegistrationState::Confirmed:
        notify(tr("Confirmed on site"), tr("Your registration is confirmed by the site."));
        break;
    case RegistrationState::Expired:
        notify(tr("Registration expired"), tr("A deadline passed without payment; the registration has expired."));
        break;
    default:
        break;
    }
}

void Notifier::notify(const QString &title, const QString &text)
{
    m_history << text;
    emit notified(title, text);
#ifdef NCRE_HAVE_DBUS
    // The desktop's notification service (org.freedesktop.Notifications, Desktop Notifications Specification 1.2):
    // GNOME has no tray, KDE and the others have both. The tray shows it when the service answers with an error.
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.Notifications"),
                                                           QStringLiteral("/org/freedesktop/Notifications"),
                                                           QStringLiteral("org.freedesktop.Notifications"),
                                                           QStringLiteral("Notify"));
        call << QCoreApplication::applicationName() << uint(0) << QStringLiteral("ncre-desk") << title << text
             << QStringList() << QVariantMap{{QStringLiteral("desktop-entry"), QStringLiteral("ncre-desk")}} << int(-1);
        auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, title, text]() {
            watcher->deleteLater();
            if (watcher->isError() && m_tray)
                m_tray->showMessage(title, text);
        });
        return;
    }
#endif
    if (m_tray)
        m_tray->showMessage(title, text);
}

} // namespace ncre
