#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace ncre {

// An inline confirmation before a step that locks information: what will happen, «Cancel» and a confirm button,
// in the page itself rather than a modal box (calm, keyboard-reachable, testable). Hidden until ask().
class ConfirmPanel : public QWidget
{
    Q_OBJECT

public:
    // `name` prefixes the object names: <name>, <name>Text, <name>Yes.
    // `cancelLabel` empty: «Cancel».
    ConfirmPanel(const QString &name, const QString &confirmLabel, QWidget *parent = nullptr,
                 const QString &cancelLabel = {});

    void ask(const QString &text);
    QString text() const;

signals:
    void confirmed();
    void cancelled();

private:
    QLabel *m_text;
    QPushButton *m_no;
};

} // namespace ncre
