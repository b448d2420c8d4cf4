#include "AgreementPage.h"

#include "Theme.h"

#include "Alive.h"
#include "ErrorText.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ncre {

AgreementPage::AgreementPage(RegistrationFlow &flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
{
    setObjectName(QStringLiteral("agreementPage"));
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("agreementText"));
    m_text->setAccessibleName(tr("Registration agreement"));
    m_agree = new QCheckBox(tr("I have read the agreement and &agree to it"), this);
    m_agree->setObjectName(QStringLiteral("agreementTick"));
    m_accept = new QPushButton(tr("A&gree"), this);
    m_accept->setObjectName(QStringLiteral("agreementAccept"));
    m_accept->setEnabled(false);
    m_decline = new QPushButton(tr("&Disagree"), this);
    m_decline->setObjectName(QStringLiteral("agreementDecline"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("agreementStatus"));
    m_status->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_agree);
    buttons->addStretch(1);
    buttons->addWidget(m_decline);
    buttons->addWidget(m_accept);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_agree, &QCheckBox::toggled, m_accept, &QPushButton::setEnabled);
    // Says why it is disabled only when that is the reason.
    auto tip = [this](bool ticked) { m_accept->setToolTip(ticked ? QString() : tr("Tick «I have read the agreement and agree to it» first.")); };
    connect(m_agree, &QCheckBox::toggled, this, tip);
    tip(m_agree->isChecked());
    connect(m_accept, &QPushButton::clicked, this, [this]() {
        m_accept->setEnabled(false);
        m_flow.acceptAgreement(alive(this, [this](const Result<void, Problem> &r) {
            m_accept->setEnabled(m_agree->isChecked());
            if (!r) {
                m_status->setText(ErrorText::message(r.error().code));
                return;
            }
            refresh();
            emit accepted();
        }));
    });
    connect(m_decline, &QPushButton::clicked, this, [this]() {
        m_agree->setChecked(false);
        m_status->setText(tr("You did not accept the agreement, so the registration cannot go on. You can read it "
                             "again and accept it at any time before registration closes."));
    });
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, &AgreementPage::refresh);
    refresh();
}

void AgreementPage::refresh()
{
    if (const auto &exam = m_flow.exam()) {
        const QString note = theme::chineseOnlyNote(exam->agreementText);
        m_text->setPlainText(note.isEmpty() ? exam->agreementText : note + QStringLiteral("\n\n") + exam->agreementText);
    }
    const auto &r = m_flow.registration();
    const bool done = r && !r->agreementVersion.isEmpty();
    if (done) {
        m_status->setText(tr("You accepted this agreement (version %1).").arg(r->agreementVersion));
        m_agree->setChecked(true);
    }
    m_agree->setEnabled(!done);
    m_decline->setEnabled(!done);
    m_accept->setEnabled(!done && m_agree->isChecked());
}

} // namespace ncre
