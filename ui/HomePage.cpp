#include "HomePage.h"

#include "DateText.h"
#include "StepBar.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

namespace {

QString deadlineLabel(DeadlineKind kind)
{
    switch (kind) {
    case DeadlineKind::RegistrationCloses: return HomePage::tr("Registration closes");
    case DeadlineKind::PaymentDue: return HomePage::tr("Payment due");
    case DeadlineKind::TicketOpens: return HomePage::tr("Admission ticket printable from");
    case DeadlineKind::TicketCloses: return HomePage::tr("Admission ticket printable until");
    case DeadlineKind::OnSiteConfirmation: return HomePage::tr("On-site confirmation by");
    }
    return {};
}

} // namespace

HomePage::HomePage(RegistrationFlow &flow, const QString &user, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
{
    setObjectName(QStringLiteral("homePage"));
    m_user = new QLabel(tr("Logged in as %1").arg(user.toHtmlEscaped()), this);
    m_user->setObjectName(QStringLiteral("homeUser"));
    m_exam = new QLabel(this);
    m_exam->setObjectName(QStringLiteral("homeExam"));
    m_steps = new StepBar(this);
    m_next = new QLabel(this);
    m_next->setObjectName(QStringLiteral("homeNext"));
    m_next->setWordWrap(true);
    m_next->setTextFormat(Qt::PlainText); // it may quote a site's words
    QFont f = m_next->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_next->setFont(f);
    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("homeCountdown"));
    m_go = new QPushButton(tr("&Continue"), this);
    m_go->setObjectName(QStringLiteral("homeContinue"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_user);
    layout->addWidget(m_exam);
    layout->addSpacing(12);
    layout->addWidget(m_steps);
    layout->addSpacing(12);
    layout->addWidget(m_next);
    layout->addWidget(m_countdown);
    layout->addWidget(m_go, 0, Qt::AlignLeft);
    layout->addStretch(1);

    connect(m_go, &QPushButton::clicked, this, [this]() { emit openStep(m_flow.currentStep()); });
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, &HomePage::refresh);
    connect(&m_flow, &RegistrationFlow::stepChanged, this, &HomePage::refresh);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &HomePage::updateCountdown);
    m_tick.start();
    refresh();
}

QString HomePage::nextStepText() const
{
    switch (m_flow.currentStep()) {
    case FlowStep::Agreement: return tr("Next: read and accept the registration agreement.");
    case FlowStep::Profile: return tr("Next: fill in your basic information.");
    case FlowStep::Subjects: return tr("Next: choose a test site and your subjects, then submit.");
    case FlowStep::Photo: return tr("Next: upload your photo. Without it the registration is not valid.");
    case FlowStep::Review:
        // Where the site's answer is in, the home page says what it was, not the step's general instruction.
        if (m_flow.state() == RegistrationState::ReviewPending)
            return tr("The test site is reviewing your information. Its decision shows here.");
        if (m_flow.state() == RegistrationState::ReviewRejected) {
            const auto &r = m_flow.registration();
            return tr("The test site returned your registration for corrections: «%1». Correct it, then ask for review "
                      "again.")
                .arg(r && r->review ? r->review->reason : QString());
        }
        return tr("Next: ask the test site to review your information, and wait for its decision.");
    case FlowStep::Payment: return tr("Next: pay the examination fee.");
    case FlowStep::Documents: return tr("Paid. Print your registration form, and the admission ticket when it is available.");
    case FlowStep::Closed: return tr("This registration is closed.");
    }
    return {};
}

void HomePage::refresh()
{
    if (const auto &exam = m_flow.exam())
        m_exam->setText(tr("Exam: %1").arg(exam->name.toHtmlEscaped()));
    QList<FlowStep> steps{FlowStep::Agreement, FlowStep::Profile, FlowStep::Subjects, FlowStep::Photo};
    const auto &r = m_flow.registration();
    const auto site = r ? m_flow.site(r->siteId) : std::nullopt;
    if (!site || site->reviewRequired)
        steps << FlowStep::Review;
    steps << FlowStep::Payment << FlowStep::Documents;
    m_steps->setSteps(steps, m_flow.currentStep());
    m_next->setText(nextStepText());
    m_go->setVisible(m_available(m_flow.currentStep()));
    updateCountdown();
}

void HomePage::updateCountdown()
{
    const QDateTime now = m_flow.serverNow();
    for (const Deadline &d : m_flow.deadlines()) {
        if (d.at <= now)
            continue;
        const qint64 s = now.secsTo(d.at);
        const QString left = s >= 86400 ? tr("%n day(s) left", nullptr, int(s / 86400))
                                        : tr("%1:%2:%3 left").arg(s / 3600, 2, 10, QLatin1Char('0'))
                                              .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                                              .arg(s % 60, 2, 10, QLatin1Char('0'));
        //: A deadline: its name, the date and time, and the time left.
        m_countdown->setText(tr("%1: %2 (%3)")
                                 .arg(deadlineLabel(d.kind),
                                      dateTimeText(d.at), left));
        return;
    }
    m_countdown->clear();
}

} // namespace ncre
