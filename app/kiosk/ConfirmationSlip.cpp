#include "ConfirmationSlip.h"

#include "DateText.h"
#include "DocumentNumber.h"

#include <QBuffer>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace ncre {

QByteArray ConfirmationSlip::pdf(const Registration &registration) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A5));
    writer.setResolution(300);
    writer.setTitle(tr("On-site confirmation slip"));
    writer.setCreator(QStringLiteral("NCRE Desk"));
    QPainter painter(&writer);
    const QRect page = painter.viewport().adjusted(120, 120, -120, -120);
    QFont title(QStringLiteral("Noto Sans CJK SC"));
    title.setPointSizeF(16);
    title.setBold(true);
    QFont body(QStringLiteral("Noto Sans CJK SC"));
    body.setPointSizeF(10.5);

    int y = page.top();
    painter.setFont(title);
    const QRect titleRect = painter.boundingRect(QRect(page.left(), y, page.width(), 400), Qt::AlignHCenter | Qt::TextWordWrap,
                                                 tr("On-site confirmation slip"));
    painter.drawText(titleRect, Qt::AlignHCenter | Qt::TextWordWrap, tr("On-site confirmation slip"));
    y = titleRect.bottom() + 60;
    painter.setFont(body);
    const QList<QPair<QString, QString>> rows{
        {tr("Exam"), examName},
        {tr("Name"), registration.profile.value(ProfileField::Name)},
        {tr("Document number"), DocumentNumber::mask(registration.profile.value(ProfileField::DocumentNumber))},
        {tr("Registration number"), registration.id},
        {tr("Test site"), siteName},
        {tr("Subjects"), subjects.join(QStringLiteral("、"))},
        {tr("Confirmed"), dateTimeText(confirmedAt)},
        {tr("Confirmed by"), staff},
    };
    const int labelWidth = page.width() / 3;
    for (const auto &[label, value] : rows) {
        const QRect valueRect = painter.boundingRect(QRect(page.left() + labelWidth, y, page.width() - labelWidth, 2000),
                                                     Qt::TextWordWrap, value);
        painter.drawText(QRect(page.left(), y, labelWidth, valueRect.height()), Qt::AlignLeft | Qt::AlignTop, label);
        painter.drawText(valueRect, Qt::TextWordWrap, value);
        y = valueRect.bottom() + 40;
    }
    y += 40;
    painter.drawText(QRect(page.left(), y, page.width(), 600), Qt::TextWordWrap,
                     tr("Keep this slip. Bring your identity document to the exam; print your admission ticket when "
                        "ticket printing opens."));
    painter.end();
    return buffer.data();
}

} // namespace ncre
