#include "UpdateBanner.h"

namespace ncre {

UpdateBanner::UpdateBanner(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("updateBanner"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(this, &QLabel::linkActivated, this, [this](const QString &link) { emit downloadRequested(QUrl(link)); });
    hide();
}

void UpdateBanner::setVersions(const ClientVersions &versions, const QString &running)
{
    m_need = versions.needFor(running);
    const QString page = versions.downloadUrl.toString(QUrl::FullyEncoded).toHtmlEscaped();
    const QString link = QStringLiteral("<a href=\"%1\">%1</a>").arg(page);
    switch (m_need) {
    case ClientVersions::Need::None:
        hide();
        return;
    case ClientVersions::Need::Available:
        setStyleSheet(QStringLiteral("background: #E3F2FD; padding: 4px;"));
        setText(tr("NCRE Desk %1 is available (this is %2). Download it from %3")
                    .arg(versions.latest.toHtmlEscaped(), running.toHtmlEscaped(), link));
        break;
    case ClientVersions::Need::Required:
        setStyleSheet(QStringLiteral("background: #F8D7DA; padding: 4px;"));
        setText(tr("This NCRE Desk (%1) is no longer accepted by the registration server: install version %2 or "
                   "later from %3. What you entered is kept on this computer.")
                    .arg(running.toHtmlEscaped(), versions.minimum.toHtmlEscaped(), link));
        break;
    }
    setAccessibleName(text());
    show();
}

} // namespace ncre
