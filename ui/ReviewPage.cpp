#include "ReviewPage.h"

#include "Alive.h"
#include "ConfirmPanel.h"
#include "DateText.h"
#include "ErrorText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

namespace {

QString editName(RegistrationAction a)
{
    switch (a) {
    case RegistrationAction::EditProfile: return ReviewPage::tr("your basic information");
    case RegistrationAction::EditSubjects: return ReviewPage::tr("your site and subjects");
    case RegistrationAction::UploadPhoto: return ReviewPage::tr("your photo");
    default: return {};
    }
}

QString names(const QList<RegistrationAction> &actions)
{
    QStringList out;
    for (RegistrationAction a : actions)
        out << editName(a);
    return QLocale().createSeparatedList(out);
}

} // namespace

QString ReviewPage::lockedText(const LockPreview &p)
{
    QStringList lines;
    if (!p.lockedNow.isEmpty())
        lines << (p.unlockedOnRejection ? tr("While the site reviews, you cannot change %1.").arg(names(p.lockedNow))
                                        : tr("From now on, you cannot change %1.").arg(names(p.lockedNow)));
    if (!p.lockedOnApproval.isEmpty())
        lines << tr("Once the site approves, %1 are locked for good.").arg(names(p.lockedOnApproval));
    return lines.join(QLatin1Char('\n'));
}

ReviewPage::ReviewPage(RegistrationFlow &flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
{
    setObjectName(QStringLiteral("reviewPage"));
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("reviewState"));
    m_state->setWordWrap(true);
    // It quotes the site's reason as the staff typed it: shown as text, never read as markup ("<b>" stays "<b>").
    m_state->setTextFormat(Qt::PlainText);
    m_request = new QPushButton(tr("&Ask the site to review"), this);
    m_request->setObjectName(QStringLiteral("requestReview"));
    m_confirm = new ConfirmPanel(QStringLiteral("reviewConfirm"), tr("&Confirm"), this);
    m_fixProfile = new QPushButton(tr("Correct the &basic information"), this);
    m_fixPhoto = new QPushButton(tr("Replace the &photo"), this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_status->setWordWrap(true);

    auto *fix = new QHBoxLayout;
    fix->addWidget(m_fixProfile);
    fix->addWidget(m_fixPhoto);
    fix->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addLayout(fix);
    layout->addWidget(m_request, 0, Qt::AlignLeft);
    layout->addWidget(m_confirm);
    layout->addWidget(m_status);
    layout->addStretch(1);

    connect(m_request, &QPushButton::clicked, this, [this]() {
        m_confirm->ask(tr("Ask the site to review your registration?") + QLatin1Char('\n')
                       + lockedText(m_flow.lockPreview(RegistrationAction::RequestReview)));
        m_request->setEnabled(false);
    });
    connect(m_confirm, &ConfirmPanel::cancelled, this, &ReviewPage::refresh);
    connect(m_confirm, &ConfirmPanel::confirmed, this, [this]() {
        m_flow.requestReview(alive(this, [this](const Result<void, Problem> &r) {
            m_status->setText(r ? QString()
                                : (r.error().status == 0 ? tr("No network: your request is queued and will be sent when "
                                                              "the network returns.")
                                                         : ErrorText::message(r.error().code)));
            refresh();
        }));
    });
    connect(m_fixProfile, &QPushButton::clicked, this, [this]() { emit fixRequested(FlowStep::Profile); });
    connect(m_fixPhoto, &QPushButton::clicked, this, [this]() { emit fixRequested(FlowStep::Photo); });
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, &ReviewPage::refresh);
    refresh();
}

void ReviewPage::refresh()
{
    const auto state = m_flow.state();
    const auto &r = m_flow.registration();
    const bool rejected = state == RegistrationState::ReviewRejected;
    m_fixProfile->setVisible(rejected);
    m_fixPhoto->setVisible(rejected);
    m_request->setVisible(m_flow.can(RegistrationAction::RequestReview));
    m_request->setEnabled(!m_confirm->isVisible());
    if (!state) {
        // No registration yet: what comes first (the agreement, then the steps before review).
        m_state->setText(ErrorText::message(m_flow.refusal(RegistrationAction::RequestReview)));
        return;
    }
    const auto site = r && !r->siteId.isEmpty() ? m_flow.site(r->siteId) : std::nullopt;
    if (site && !site->reviewRequired) {
        // The step does not exist for this site: say so, and where to go instead.
        m_state->setText(tr("Your site, %1, does not review registrations: there is nothing to do here. Go on to "
                            "the payment once your photo is uploaded.")
                             .arg(site->name.toHtmlEscaped()));
        return;
    }
    switch (*state) {
    case RegistrationState::PhotoUploaded:
        m_state->setText(tr("Your site reviews registrations. Ask for review when your information is complete."));
        break;
    case RegistrationState::ReviewPending:
        {
            const QString asked = r->review ? dateTimeText(r->review->requestedAt) : QString();
            // At a kiosk the candidate leaves before the decision: it shows when they next log in, anywhere.
            m_state->setText(m_flow.keptUntilLogOut()
                                 ? tr("Waiting for the site's review (asked %1). Its decision shows when you next log "
                                      "in, here or at home.").arg(asked)
                                 : tr("Waiting for the site's review (asked %1). NCRE Desk tells you when it decides.")
                                       .arg(asked));
        }
        break;
    case RegistrationState::ReviewRejected:
        m_state->setText(tr("The site asked for corrections: «%1». Correct them, then ask for review again.")
                             .arg(r->review ? r->review->reason : QString()));
        break;
    case RegistrationState::ReviewApproved:
        m_state->setText(tr("Approved. Your information is locked. Pay before %1, or the registration is cancelled.")
                             .arg(r->deadlines.paymentDue ? dateTimeText(*r->deadlines.paymentDue)
                                                          : QString()));
        break;
    default:
        m_state->setText(m_flow.currentStep() == FlowStep::Review ? QString() : tr("Nothing to review at this step."));
    }
}

} // namespace ncre
