#include "DocumentRenderer.h"

#include "ChoiceList.h"
#include "DocumentNumber.h"

#include <QBuffer>
#include <QFont>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

namespace ncre::server::DocumentRenderer {

namespace {

constexpr int kDpi = 300;

int mm(double millimetres)
{
    return int(millimetres * kDpi / 25.4);
}

QFont cjkFont(double points, bool bold = false)
{
    QFont f(QStringLiteral("Noto Sans CJK SC"));
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

QString choiceName(const QList<Choice> &list, const QString &code)
{
    const Choice *c = ChoiceList::find(list, code);
    return c ? c->nameZh : code;
}

QString genderZh(const QString &g)
{
    return g == QLatin1String("male") ? QStringLiteral("男") : g == QLatin1String("female") ? QStringLiteral("女") : g;
}

struct Page
{
    QByteArray pdf;
    QBuffer buffer{&pdf};
    QPdfWriter writer{&buffer};
    QPainter painter;

    explicit Page(const QString &title)
    {
        buffer.open(QIODevice::WriteOnly);
        writer.setResolution(kDpi);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("ncre-server"));
        painter.begin(&writer);
    }
    QByteArray finish()
    {
        painter.end();
        buffer.close();
        return pdf;
    }
};

void drawPhoto(QPainter &p, const QByteArray &jpeg, const QRect &frame)
{
    p.setPen(QPen(Qt::black, mm(0.3)));
    p.drawRect(frame);
    const QImage photo = QImage::fromData(jpeg, "JPEG");
    if (!photo.isNull())
        p.drawImage(frame.adjusted(mm(0.5), mm(0.5), -mm(0.5), -mm(0.5)), photo);
}

// A two-column table of label/value rows; returns the y below it.
int drawRows(QPainter &p, int x, int y, int width, const QList<QPair<QString, QString>> &rows)
{
    const int rowHeight = mm(9);
    const int labelWidth = mm(32);
    p.setPen(QPen(Qt::black, mm(0.2)));
    for (const auto &[label, value] : rows) {
        const QRect labelRect(x, y, labelWidth, rowHeight);
        const QRect valueRect(x + labelWidth, y, width - labelWidth, rowHeight);
        p.drawRect(labelRect);
        p.drawRect(valueRect);
        p.setFont(cjkFont(10, true));
        p.drawText(labelRect.adjusted(mm(2), 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
        p.setFont(cjkFont(10));
        p.drawText(valueRect.adjusted(mm(2), 0, -mm(1), 0), Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap,
                   value);
        y += rowHeight;
    }
    return y;
}

QString subjectLines(const QList<Subject> &subjects, bool withTime)
{
    QStringList lines;
    for (const Subject &s : subjects) {
        QString line = s.id + QLatin1Char(' ') + s.name;
        if (withTime)
            line += QStringLiteral("  ") + s.examTime.toOffsetFromUtc(8 * 3600).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        lines << line;
    }
    return lines.join(QStringLiteral("；"));
}

} // namespace

QByteArray registrationForm(const Input &in)
{
    Page page(QStringLiteral("报名登记表"));
    QPainter &p = page.painter;
    const Profile &pr = in.registration.profile;
    p.setFont(cjkFont(18, true));
    p.drawText(QRect(0, mm(18), mm(210), mm(12)), Qt::AlignCenter, in.exam.name);
    p.setFont(cjkFont(16, true));
    p.drawText(QRect(0, mm(30), mm(210), mm(10)), Qt::AlignCenter, QStringLiteral("报名登记表"));

    const int x = mm(20);
    drawPhoto(p, in.photoJpeg, QRect(mm(157), mm(48), mm(33), mm(48)));
    int y = drawRows(p, x, mm(48), mm(135),
                     {{QStringLiteral("姓名"), pr.value(ProfileField::Name)},
                      {QStringLiteral("性别"), genderZh(pr.value(ProfileField::Gender))},
                      {QStringLiteral("证件号码"), pr.value(ProfileField::DocumentNumber)},
                      {QStringLiteral("出生日期"), pr.value(ProfileField::BirthDate)},
                      {QStringLiteral("民族"), choiceName(ChoiceList::ethnicities(), pr.value(ProfileField::Ethnicity))},
                      {QStringLiteral("文化程度"),
                       choiceName(ChoiceList::educationLevels(), pr.value(ProfileField::Education))}});
    // Six rows of 9 mm clear the 48 mm photo frame beside them.
    y = drawRows(p, x, y, mm(170),
                 {{QStringLiteral("职业"), choiceName(ChoiceList::occupations(), pr.value(ProfileField::Occupation))},
                  {QStringLiteral("手机"), pr.value(ProfileField::Mobile)},
                  {QStringLiteral("通讯地址"), pr.value(ProfileField::Address)},
                  {QStringLiteral("邮政编码"), pr.value(ProfileField::PostalCode)},
                  {QStringLiteral("考点"), in.site.name},
                  {QStringLiteral("考点地址"), in.site.address},
                  {QStringLiteral("报考科目"), subjectLines(in.subjects, false)},
                  {QStringLiteral("报名号"), in.registration.id},
                  {QStringLiteral("缴费状态"), QStringLiteral("已缴费")}});
    p.setFont(cjkFont(9));
    p.drawText(QRect(x, y + mm(8), mm(170), mm(30)), Qt::TextWordWrap,
               QStringLiteral("本人确认以上信息真实、准确。\n\n考生签名：______________    日期：______________"));
    return page.finish();
}

QByteArray admissionTicket(const Input &in)
{
    Page page(QStringLiteral("准考证"));
    QPainter &p = page.painter;
    const Profile &pr = in.registration.profile;
    p.setFont(cjkFont(18, true));
    p.drawText(QRect(0, mm(18), mm(210), mm(12)), Qt::AlignCenter, in.exam.name);
    p.setFont(cjkFont(20, true));
    p.drawText(QRect(0, mm(30), mm(210), mm(12)), Qt::AlignCenter, QStringLiteral("准 考 证"));
    const int x = mm(20);
    drawPhoto(p, in.photoJpeg, QRect(mm(157), mm(50), mm(33), mm(48)));
    int y = drawRows(p, x, mm(50), mm(135),
                     {{QStringLiteral("准考证号"), in.admissionNumber},
                      {QStringLiteral("姓名"), pr.value(ProfileField::Name)},
                      {QStringLiteral("证件号码"), pr.value(ProfileField::DocumentNumber)},
                      {QStringLiteral("考点"), in.site.name},
                      {QStringLiteral("考点地址"), in.site.address}});
    y = drawRows(p, x, y + mm(4), mm(170), {{QStringLiteral("考试科目"), subjectLines(in.subjects, true)}});
    p.setFont(cjkFont(9));
    p.drawText(QRect(x, y + mm(8), mm(170), mm(60)), Qt::TextWordWrap,
               QStringLiteral("考生须知：\n1. 考生须凭本准考证和有效身份证件原件参加考试。\n"
                              "2. 考生应在开考前30分钟到达考场，开考15分钟后不得入场。\n"
                              "3. 考生须遵守考场规则，服从监考人员管理。"));
    return page.finish();
}

} // namespace ncre::server::DocumentRenderer
