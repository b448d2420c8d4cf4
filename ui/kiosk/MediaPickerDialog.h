#pragma once

#include <QDialog>
#include <QTimer>

#include <functional>

class QLabel;
class QListWidget;
class QPushButton;

namespace ncre {

// Choosing a photo from a USB stick or memory card at the kiosk (issue 16): only mounted removable volumes, only
// image files on them (RemovableMedia), newest first, with a preview — no general file browser. Until a medium is
// inserted it says so and looks again every two seconds.
class MediaPickerDialog : public QDialog
{
    Q_OBJECT

public:
    // `roots`: the removable volumes mounted now (RemovableMedia::mountedRemovableRoots at a kiosk).
    MediaPickerDialog(std::function<QStringList()> roots, QWidget *parent = nullptr);

    void rescan();

signals:
    void chosen(const QString &path);

private:
    void preview();

    std::function<QStringList()> m_roots;
    QStringList m_shownRoots;
    QListWidget *m_list;
    QLabel *m_preview;
    QLabel *m_status;
    QPushButton *m_use;
    QTimer m_poll;
};

} // namespace ncre
