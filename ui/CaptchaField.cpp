#include "CaptchaField.h"

#include "Alive.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace ncre {

CaptchaField::CaptchaField(ApiClient &api, const QString &answerName, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
{
    m_answer = new QLineEdit(this);
    m_answer->setObjectName(answerName);
    m_answer->setAccessibleName(tr("Captcha"));
    m_answer->setMaxLength(16);
    m_image = new QLabel(this);
    m_image->setObjectName(QStringLiteral("captchaImage"));
    m_image->setMinimumSize(120, 40);
    m_image->setAccessibleName(tr("Captcha image"));
    auto *newCaptcha = new QToolButton(this);
    newCaptcha->setObjectName(QStringLiteral("newCaptcha"));
    newCaptcha->setText(tr("&New captcha"));
    newCaptcha->setAccessibleName(tr("Show a new captcha"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_answer, 1);
    row->addWidget(m_image);
    row->addWidget(newCaptcha);
    setFocusProxy(m_answer);
    connect(newCaptcha, &QToolButton::clicked, this, &CaptchaField::refresh);
}

QString CaptchaField::answer() const
{
    return m_answer->text().trimmed();
}

void CaptchaField::refresh()
{
    m_api.createCaptcha(alive(this, [this](Result<Captcha, Problem> captcha) {
        if (!captcha) {
            emit failed(captcha.error());
            return;
        }
        m_id = captcha->id;
        QPixmap pixmap;
        pixmap.loadFromData(captcha->png, "PNG");
        m_image->setPixmap(pixmap);
        m_answer->clear();
        emit shown();
    }));
}

} // namespace ncre
