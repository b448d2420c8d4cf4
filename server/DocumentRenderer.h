#pragma once

#include "Exam.h"
#include "Registration.h"
#include "Site.h"
#include "Subject.h"

#include <QByteArray>

namespace ncre::server {

// The registration form (报名登记表) and the admission ticket (准考证) as PDF, drawn with QPdfWriter in a CJK font,
// with the candidate's photo.
namespace DocumentRenderer {

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

} // namespace DocumentRenderer

} // namespace ncre::server
