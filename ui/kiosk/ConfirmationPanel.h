#pragma once

#include "ConfirmationSlip.h"
#include "StaffReview.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ncre {

// 现场确认 at the kiosk (issue 16): the candidate's document number, typed or read by a barcode scanner (which
// types it and presses Enter), finds their registration at this site; staff compare the registered photo with the
// person, confirm, and a slip prints.
class ConfirmationPanel : public QWidget
{
    Q_OBJECT

public:
    // `printSlip`: prints the slip PDF (the kiosk's printer); `slipTemplate`: exam, site and staff for the slip.
    using PrintSlip = std::function<Result<void>(const QByteArray &pdf)>;
    ConfirmationPanel(StaffReview &review, ConfirmationSlip slipTemplate, std::function<QStringList(const QStringList &)> subjectNames,
                      PrintSlip printSlip, QWidget *parent = nullptr);

    void lookUp();

signals:
    void candidateShown(const QString &registrationId);
    void confirmed(const QString &registrationId, bool slipPrinted);

protected:
    // Shown: the document number field takes the keyboard, so a scanner's number (ending with Enter) lands there.
    void showEvent(QShowEvent *event) override;

private:
    void confirm();

    StaffReview &m_review;
    ConfirmationSlip m_slip;
    std::function<QStringList(const QStringList &)> m_subjectNames;
    PrintSlip m_print;
    std::optional<Registration> m_found;
    QComboBox *m_type;
    QLineEdit *m_number;
    QPushButton *m_lookUp;
    QLabel *m_photo;
    QLabel *m_data;
    QPushButton *m_confirm;
    QPushButton *m_reprint;
    QByteArray m_lastSlip; // the last slip printed (masked data only), for «重新打印回执»
    QLabel *m_status;
};

} // namespace ncre
