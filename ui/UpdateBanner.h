#pragma once

#include "Meta.h"

#include <QLabel>

namespace ncre {

// The line that tells the candidate a newer NCRE Desk exists (ClientVersions::Need::Available) or that this one is
// no longer accepted (Need::Required), with the download page as a link that can also be selected and copied (a
// computer without a browser). Hidden otherwise. Shown on the login window and the main window.
class UpdateBanner : public QLabel
{
    Q_OBJECT

public:
    explicit UpdateBanner(QWidget *parent = nullptr);

    // What GET /meta published, judged against this program's version.
    void setVersions(const ClientVersions &versions, const QString &running = deskVersion());
    ClientVersions::Need need() const { return m_need; }

signals:
    void downloadRequested(const QUrl &page);

private:
    ClientVersions::Need m_need = ClientVersions::Need::None;
};

} // namespace ncre
