#include "NoticesPage.h"

#include "DateText.h"
#include "Theme.h"

#include <QLabel>
#include <QLocale>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ncre {

NoticesPage::NoticesPage(RegistrationFlow &flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
{
    setObjectName(QStringLiteral("noticesPage"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("noticeSummary"));
    m_summary->setWordWrap(true);
    m_notice = new QTextBrowser(this);
    m_notice->setObjectName(QStringLiteral("noticeText"));
    m_notice->setAccessibleName(tr("On-site confirmation notice"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_notice, 1);
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, &NoticesPage::refresh);
    refresh();
}

void NoticesPage::refresh()
{
    const auto &r = m_flow.registration();
    const auto site = r ? m_flow.site(r->siteId) : std::nullopt;
    if (!site) {
        m_summary->setText(tr("Choose a test site first; its notices appear here."));
        m_notice->clear();
        m_notice->hide();
        return;
    }
    if (!site->onSiteConfirmation) {
        m_summary->setText(tr("%1 does not ask for on-site confirmation.").arg(site->name));
        m_notice->hide();
        return;
    }
    m_notice->show();
    const QString note = theme::chineseOnlyNote(site->onSiteConfirmation->notice);
    m_notice->setPlainText(note.isEmpty() ? site->onSiteConfirmation->notice
                                          : note + QStringLiteral("\n\n") + site->onSiteConfirmation->notice);
    const QString by = dateTimeText(site->onSiteConfirmation->deadline);
    m_summary->setText(m_flow.state() == RegistrationState::Confirmed
                           ? tr("Confirmed on site. Nothing more to do here.")
                           : tr("%1 asks candidates to confirm in person before %2 (现场确认). Bring your ID document.")
                                 .arg(site->name, by));
}

} // namespace ncre
