#pragma once

#include "Exam.h"
#include "Registration.h"
#include "Site.h"
#include "Subject.h"

#include <QByteArray>

namespace ncre::server::DocumentRenderer {

struct Input
{
    Exam exam;
    Site site;
    QList<Subject> subjects; // the chosen ones
    Registration registration;
    QByteArray photoJpeg;
    QString admissionNumber; // 准考证号, ticket only
};

QByteArray registrationForm(const Input &input);
QByteArray admissionTicket(const Input &input);

} // namespace ncre::server
