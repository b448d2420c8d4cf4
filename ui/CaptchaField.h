#pragma once

#include "ApiClient.h"

#include <QWidget>

class QLabel;
class QLineEdit;

namespace ncre {

// The captcha of the login and register forms: the answer, the picture and «换一张». A captcha answers one attempt
// only, so the forms call refresh() after each try.
class CaptchaField : public QWidget
{
    Q_OBJECT

public:
    // `answerName`: object name of the answer field (what tests and accessibility tools find).
    CaptchaField(ApiClient &api, const QString &answerName, QWidget *parent = nullptr);

    void refresh();
    QString id() const { return m_id; }
    QString answer() const;
    QLineEdit *answerField() const { return m_answer; }

signals:
    void shown();
    void failed(const ncre::Problem &problem);

private:
    ApiClient &m_api;
    QLineEdit *m_answer;
    QLabel *m_image;
    QString m_id;
};

} // namespace ncre
