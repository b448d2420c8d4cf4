#include "ProfilePage.h"

#include "CaptchaField.h"
#include "ConfirmPanel.h"

#include "Alive.h"
#include "ChoiceList.h"
#include "DocumentNumber.h"
#include "ErrorText.h"
#include "ProfileRules.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTime>
#include <QVBoxLayout>

namespace ncre {

namespace {

constexpr ProfileField kFields[] = {
    ProfileField::Name,          ProfileField::DocumentType, ProfileField::DocumentNumber, ProfileField::Gender,
    ProfileField::BirthDate,     ProfileField::Ethnicity,    ProfileField::Education,      ProfileField::Occupation,
    ProfileField::Mobile,        ProfileField::Phone,        ProfileField::Email,          ProfileField::Address,
    ProfileField::PostalCode,    ProfileField::StudentNumber, ProfileField::TrainingUnit,
};

bool chinese()
{
    return QLocale().language() == QLocale::Chinese;
}

QComboBox *choices(const QList<Choice> &list, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->addItem(ProfilePage::tr("— choose —"), QString());
    for (const Choice &c : list)
        box->addItem(chinese() ? c.nameZh : c.nameEn, c.code);
    return box;
}

} // namespace

QString ProfilePage::documentTypeLabel(DocumentType t)
{
    switch (t) {
    case DocumentType::ResidentId: return tr("Resident ID card");
    case DocumentType::HkMacauPermit: return tr("Mainland travel permit for Hong Kong and Macao residents");
    case DocumentType::TaiwanPermit: return tr("Mainland travel permit for Taiwan residents");
    case DocumentType::HmtResidencePermit: return tr("Residence permit for Hong Kong, Macao and Taiwan residents");
    case DocumentType::Passport: return tr("Passport");
    case DocumentType::ForeignPermanentResidentId: return tr("Foreign permanent resident ID card");
    }
    return {};
}

QString ProfilePage::fieldLabel(ProfileField field)
{
    switch (field) {
    case ProfileField::Name: return tr("Name");
    case ProfileField::Gender: return tr("Gender");
    case ProfileField::DocumentType: return tr("Document type");
    case ProfileField::DocumentNumber: return tr("Document number");
    case ProfileField::BirthDate: return tr("Date of birth");
    case ProfileField::Ethnicity: return tr("Ethnic group");
    case ProfileField::Education: return tr("Education");
    case ProfileField::Occupation: return tr("Occupation");
    case ProfileField::Mobile: return tr("Mobile phone");
    case ProfileField::Phone: return tr("Telephone");
    case ProfileField::Email: return tr("Email");
    case ProfileField::Address: return tr("Postal address");
    case ProfileField::PostalCode: return tr("Postal code");
    case ProfileField::StudentNumber: return tr("Student number");
    case ProfileField::TrainingUnit: return tr("Training institution");
    case ProfileField::Count: break;
    }
    return {};
}

ProfilePage::ProfilePage(RegistrationFlow &flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
    , m_form(flow.profileForm())
{
    setObjectName(QStringLiteral("profilePage"));
    // After a crash or a restart, what was typed and not saved comes back by itself; the candidate may keep it
    // (the default: Enter, Esc) or go back to what the server holds.
    m_restorePrompt = new ConfirmPanel(QStringLiteral("restorePrompt"), tr("&Discard them"), this, tr("&Keep them"));
    connect(m_restorePrompt, &ConfirmPanel::confirmed, this, [this]() { m_flow.discardProfileDraft(); });

    auto *formHost = new QWidget;
    auto *form = new QFormLayout(formHost);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (ProfileField field : kFields) {
        Row row;
        QWidget *editor = nullptr;
        switch (field) {
        case ProfileField::Gender: {
            auto *box = new QComboBox(formHost);
            box->addItem(tr("— choose —"), QString());
            box->addItem(tr("Male"), QStringLiteral("male"));
            box->addItem(tr("Female"), QStringLiteral("female"));
            editor = box;
            break;
        }
        case ProfileField::DocumentType: {
            auto *box = new QComboBox(formHost);
            for (DocumentType t : {DocumentType::ResidentId, DocumentType::HkMacauPermit, DocumentType::TaiwanPermit,
                                   DocumentType::HmtResidencePermit, DocumentType::Passport,
                                   DocumentType::ForeignPermanentResidentId})
                box->addItem(ProfilePage::documentTypeLabel(t), documentTypeName(t));
            editor = box;
            break;
        }
        case ProfileField::Ethnicity: editor = choices(ChoiceList::ethnicities(), formHost); break;
        case ProfileField::Education: editor = choices(ChoiceList::educationLevels(), formHost); break;
        case ProfileField::Occupation: editor = choices(ChoiceList::occupations(), formHost); break;
        default: {
            auto *line = new QLineEdit(formHost);
            // Room past the limit (and for characters outside the BMP, two UTF-16 units each), so text pasted too
            // long is not cut off unseen: the field's rule then says what its limit is.
            line->setMaxLength(2 * ProfileRules::rule(field).maxLength + 2);
            if (field == ProfileField::BirthDate)
                line->setPlaceholderText(tr("YYYY-MM-DD"));
            editor = line;
        }
        }
        if (auto *box = qobject_cast<QComboBox *>(editor)) {
            // The wheel scrolls the form; it changes a choice only once the box has focus (a click or Tab), so
            // scrolling past 民族 never changes it unseen.
            box->setFocusPolicy(Qt::StrongFocus);
            box->installEventFilter(this);
            // The longest choice (an occupation, in English) must not widen the whole form past the page: the box
            // takes the form's width, its list shows every choice whole.
            box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            box->setMinimumContentsLength(12);
        }
        const QString key = Profile::fieldKey(field);
        editor->setObjectName(QStringLiteral("field-") + key);
        editor->setAccessibleName(fieldLabel(field));
        row.editor = editor;
        row.label = new QLabel(formHost);
        row.label->setBuddy(editor);
        row.error = new QLabel(formHost);
        row.error->setObjectName(QStringLiteral("error-") + key);
        row.error->setStyleSheet(QStringLiteral("color: #B00020;"));
        row.error->setWordWrap(true);
        // The line under a field keeps its place when empty: fields never jump as messages come and go (a click
        // meant for the next field would land on another).
        QSizePolicy keep = row.error->sizePolicy();
        keep.setRetainSizeWhenHidden(true);
        row.error->setSizePolicy(keep);
        row.error->setMinimumHeight(row.error->fontMetrics().lineSpacing() + 2);
        row.error->hide();
        // The field and its message in a widget of their own: the form gives the row the height the wrapped message
        // needs (a layout nested in the form row did not, and a long message was drawn over the next field).
        auto *cellHost = new QWidget(formHost);
        auto *cell = new QVBoxLayout(cellHost);
        cell->setContentsMargins(0, 0, 0, 0);
        cell->setSpacing(2);
        cell->addWidget(editor);
        cell->addWidget(row.error);
        form->addRow(row.label, cellHost);
        m_rows.insert(field, row);
        if (auto *line = qobject_cast<QLineEdit *>(editor)) {
            connect(line, &QLineEdit::textEdited, this, [this, field](const QString &text) { m_form.edit(field, text); });
            connect(line, &QLineEdit::returnPressed, this, &ProfilePage::save);
        } else if (auto *box = qobject_cast<QComboBox *>(editor)) {
            connect(box, &QComboBox::activated, this,
                    [this, field, box]() { m_form.edit(field, box->currentData().toString()); });
        }
    }
    auto *scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setWidget(formHost);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_draftStatus = new QLabel(this);
    m_draftStatus->setObjectName(QStringLiteral("draftStatus"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("profileStatus"));
    m_status->setWordWrap(true);
    m_save = new QPushButton(tr("&Save basic information"), this);
    m_save->setObjectName(QStringLiteral("profileSave"));
    // After a document number was found taken, trying another needs a captcha (the server's guard against ID-number
    // enumeration): the row shows when the server asks for it.
    m_captchaRow = new QWidget(this);
    m_captchaRow->setObjectName(QStringLiteral("profileCaptchaRow"));
    m_captcha = new CaptchaField(m_flow.api(), QStringLiteral("profileCaptchaAnswer"), m_captchaRow);
    auto *captchaLabel = new QLabel(tr("Ca&ptcha:"), m_captchaRow);
    captchaLabel->setBuddy(m_captcha->answerField());
    auto *captchaLayout = new QHBoxLayout(m_captchaRow);
    captchaLayout->setContentsMargins(0, 0, 0, 0);
    captchaLayout->addWidget(captchaLabel);
    captchaLayout->addWidget(m_captcha, 1);
    m_captchaRow->hide();
    connect(m_captcha->answerField(), &QLineEdit::returnPressed, this, &ProfilePage::save);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_draftStatus);
    bottom->addStretch(1);
    bottom->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_restorePrompt);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_captchaRow);
    layout->addLayout(bottom);

    connect(m_save, &QPushButton::clicked, this, &ProfilePage::save);
    connect(&m_flow, &RegistrationFlow::profileDraftSaved, this, [this]() {
        const QString at = QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm"));
        m_draftStatus->setText(m_flow.keptUntilLogOut() ? tr("Draft saved at %1, until you log out").arg(at)
                                                        : tr("Draft saved on this computer at %1").arg(at));
    });
    connect(&m_flow, &RegistrationFlow::profileDraftRestored, this, &ProfilePage::askAboutRestoredChanges);
    connect(&m_flow, &RegistrationFlow::serverReachable, this, [this]() {
        if (std::exchange(m_statusTransient, false))
            m_status->clear();
    });
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, [this]() {
        if (std::exchange(m_statusTransient, false))
            m_status->clear();
    });
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, &ProfilePage::updateLock); // after: its word stands
    // The page is a view of the form: values (typed, derived, loaded) and errors come from it.
    connect(&m_form, &ProfileForm::valueChanged, this, &ProfilePage::setValue);
    connect(&m_form, &ProfileForm::errorsChanged, this, &ProfilePage::showErrors);
    connect(&m_form, &ProfileForm::edited, m_status, &QLabel::clear);
    connect(&m_form, &ProfileForm::valueChanged, this, [this](ProfileField field) {
        if (field == ProfileField::DocumentType)
            updateLabels();
    });

    for (ProfileField field : kFields)
        setValue(field, m_form.value(field));
    updateLabels();
    showErrors();
    if (m_flow.hasUnsavedProfile())
        askAboutRestoredChanges();
    updateLock();
}

bool ProfilePage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Wheel) {
        auto *box = qobject_cast<QComboBox *>(watched);
        if (box && !box->hasFocus()) {
            QCoreApplication::sendEvent(m_scroll->viewport(), event); // the form scrolls instead
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ProfilePage::askAboutRestoredChanges()
{
    m_restorePrompt->ask(tr("Changes you had not saved were restored from this computer. Keep them (then check and "
                            "save them), or discard them and go back to the information last saved?"));
}

void ProfilePage::setValue(ProfileField field, const QString &v)
{
    QWidget *e = m_rows.value(field).editor;
    if (auto *line = qobject_cast<QLineEdit *>(e)) {
        if (line->text() != v)
            line->setText(v);
    } else if (auto *box = qobject_cast<QComboBox *>(e)) {
        const int i = box->findData(v);
        box->setCurrentIndex(i >= 0 ? i : 0);
    }
}

void ProfilePage::updateLabels()
{
    for (ProfileField field : kFields) {
        const bool required = m_form.isRequired(field);
        m_rows.value(field).label->setText(required ? fieldLabel(field) + QStringLiteral(" <span style=\"color:#B00020\">*</span>")
                                                    : fieldLabel(field));
        m_rows.value(field).editor->setAccessibleDescription(required ? tr("Required") : QString());
    }
    updateEditable();
}

void ProfilePage::showErrors()
{
    for (ProfileField field : kFields) {
        QLabel *label = m_rows.value(field).error;
        const std::optional<Error> error = m_form.shownError(field);
        label->setText(error ? ErrorText::message(*error) : QString());
        label->setVisible(error.has_value());
    }
}

QString ProfilePage::errorText(ProfileField field) const
{
    QLabel *e = m_rows.value(field).error;
    return e && e->isVisible() ? e->text() : QString();
}

void ProfilePage::showFirstError()
{
    // The first field that needs attention comes into view, with its whole message, and takes the focus.
    for (ProfileField field : kFields)
        if (m_form.shownError(field)) {
            const Row row = m_rows.value(field);
            m_scroll->widget()->layout()->activate();
            m_scroll->ensureWidgetVisible(row.error->parentWidget(), 8, 8);
            row.editor->setFocus();
            break;
        }
}

void ProfilePage::save()
{
    if (!m_flow.can(RegistrationAction::EditProfile)) {
        // Say why, and what to do first (what was typed stays in the draft).
        m_status->setText(ErrorText::message(m_flow.refusal(RegistrationAction::EditProfile)));
        return;
    }
    m_form.touchAll();
    if (!m_form.errors().isEmpty()) {
        m_status->setText(tr("Some information is missing or wrong: see the messages under the fields."));
        showFirstError();
        return;
    }
    const bool withCaptcha = m_captchaRow->isVisible();
    if (withCaptcha && m_captcha->answer().isEmpty()) {
        m_status->setText(tr("Enter the characters in the picture first."));
        m_captcha->answerField()->setFocus();
        return;
    }
    m_save->setEnabled(false);
    auto done = alive(this, [this, withCaptcha](const Result<void, Problem> &r) {
        m_save->setEnabled(m_flow.can(RegistrationAction::EditProfile));
        if (withCaptcha)
            m_captcha->refresh(); // a captcha answers one attempt only
        if (r) {
            m_status->setText(tr("Your basic information is saved."));
            m_draftStatus->clear(); // the draft is the saved information now: one message, not two
            m_restorePrompt->hide();
            m_captchaRow->hide();
            emit saved();
            return;
        }
        if (r.error().code == ErrorCode::AuthCaptcha) {
            m_captchaRow->show();
            if (!withCaptcha)
                m_captcha->refresh();
            m_status->setText(withCaptcha ? ErrorText::message(ErrorCode::AuthCaptcha)
                                          : tr("To check another document number, enter the characters in the picture "
                                               "and save again."));
            m_captcha->answerField()->setFocus();
            return;
        }
        const Problem &p = r.error();
        if (p.status == 0) {
            m_status->setText(m_flow.keptUntilLogOut()
                                  ? tr("No network: your information is sent when the network returns. Logging out "
                                       "before then removes it from this terminal.")
                                  : tr("No network: your information is kept on this computer and will be sent when the "
                                       "network returns."));
            m_statusTransient = true;
            return;
        }
        // A session that ended is asked for again over the window; once the server answers, this line goes.
        m_statusTransient = p.code == ErrorCode::AuthRequired || p.code == ErrorCode::AuthTokenExpired;
        ErrorList errors = p.errors;
        // Taken, or too many tried today: said at the number (the server names no holder; the message says how the
        // owner gets the old account back).
        if (p.code == ErrorCode::AccountDocumentTaken || p.code == ErrorCode::AccountDocumentChecks)
            errors.append(Error(p.code, Profile::fieldKey(ProfileField::DocumentNumber)));
        const bool atField = m_form.setServerErrors(errors);
        m_status->setText(atField ? tr("Please correct the marked fields.") : ErrorText::message(p.code));
        if (atField)
            showFirstError();
    });
    if (withCaptcha)
        m_flow.saveProfileWithCaptcha(m_captcha->id(), m_captcha->answer(), std::move(done));
    else
        m_flow.saveProfile(std::move(done));
}

void ProfilePage::updateEditable()
{
    // Birth date and gender are filled in from a number that encodes them: not typed then.
    for (ProfileField field : {ProfileField::BirthDate, ProfileField::Gender})
        m_rows.value(field).editor->setEnabled(!m_form.isDerived(field));
}

void ProfilePage::updateLock()
{
    const bool editable = !m_flow.registration() || m_flow.can(RegistrationAction::EditProfile);
    const QString why = editable ? QString() : ErrorText::message(m_flow.refusal(RegistrationAction::EditProfile));
    // A locked text field stays selectable (to copy from it) but must not look like one to type in: it takes the
    // window's colour instead of the entry background, and says why it is locked.
    QPalette locked = palette();
    locked.setColor(QPalette::Base, locked.color(QPalette::Window));
    for (ProfileField field : kFields) {
        QWidget *e = m_rows.value(field).editor;
        if (auto *line = qobject_cast<QLineEdit *>(e)) {
            line->setReadOnly(!editable);
            line->setPalette(editable ? palette() : locked);
            line->setFocusPolicy(editable ? Qt::StrongFocus : Qt::ClickFocus);
        } else {
            e->setEnabled(editable);
        }
        e->setToolTip(why);
    }
    m_save->setEnabled(editable);
    updateEditable();
    if (!editable)
        m_status->setText(why);
}

} // namespace ncre
