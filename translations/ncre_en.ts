<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ErrorText</name>
    <message numerus="yes">
        <source>This needs at least %n character(s).</source>
        <translation>
            <numerusform>This needs at least %n character.</numerusform>
            <numerusform>This needs at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This takes at most %n character(s).</source>
        <translation>
            <numerusform>This takes at most %n character.</numerusform>
            <numerusform>This takes at most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoFixer</name>
    <message numerus="yes">
        <source>%n faces were found; the photo must show only you.</source>
        <translation>
            <numerusform>%n face was found; the photo must show only you.</numerusform>
            <numerusform>%n faces were found; the photo must show only you.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoInspector</name>
    <message numerus="yes">
        <source>%n faces were found; the photo must show only you.</source>
        <translation>
            <numerusform>%n face was found; the photo must show only you.</numerusform>
            <numerusform>%n faces were found; the photo must show only you.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ncre::HomePage</name>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ncre::IdleOverlay</name>
    <message numerus="yes">
        <source>For your privacy, this session ends in %n second(s) and everything you entered is removed from this terminal (what you saved on the server stays). Touch the screen to continue.</source>
        <translation>
            <numerusform>For your privacy, this session ends in %n second and everything you entered is removed from this terminal (what you saved on the server stays). Touch the screen to continue.</numerusform>
            <numerusform>For your privacy, this session ends in %n seconds and everything you entered is removed from this terminal (what you saved on the server stays). Touch the screen to continue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This staff session ends in %n second(s): you are logged out and the terminal returns to the welcome screen. Touch the screen to continue.</source>
        <translation>
            <numerusform>This staff session ends in %n second: you are logged out and the terminal returns to the welcome screen. Touch the screen to continue.</numerusform>
            <numerusform>This staff session ends in %n seconds: you are logged out and the terminal returns to the welcome screen. Touch the screen to continue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ncre::MainWindow</name>
    <message numerus="yes">
        <source>%n change(s) not sent yet: they are kept on this computer and go to the server as soon as it answers.</source>
        <translation>
            <numerusform>%n change not sent yet: they are kept on this computer and go to the server as soon as it answers.</numerusform>
            <numerusform>%n changes not sent yet: they are kept on this computer and go to the server as soon as it answers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not sent yet: they go to the server as soon as it answers. Logging out before then removes them from this terminal.</source>
        <translation>
            <numerusform>%n change not sent yet: it goes to the server as soon as it answers. Logging out before then removes it from this terminal.</numerusform>
            <numerusform>%n changes not sent yet: they go to the server as soon as it answers. Logging out before then removes them from this terminal.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ncre::Notifier</name>
    <message numerus="yes">
        <source>%n seat(s) free again for subject %1 at %2.</source>
        <translation>
            <numerusform>%n seat free again for subject %1 at %2.</numerusform>
            <numerusform>%n seats free again for subject %1 at %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ncre::PaymentPage</name>
    <message numerus="yes">
        <source>Amount to pay: %1 (%n subject(s))</source>
        <translation>
            <numerusform>Amount to pay: %1 (%n subject)</numerusform>
            <numerusform>Amount to pay: %1 (%n subjects)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ncre::PinPad</name>
    <message numerus="yes">
        <source>Wrong PIN. %n try(s) left before the PIN is locked for five minutes.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left before the PIN is locked for five minutes.</numerusform>
            <numerusform>Wrong PIN. %n tries left before the PIN is locked for five minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ncre::SubjectsPage</name>
    <message numerus="yes">
        <source>You may choose up to %n subject(s).</source>
        <translation>
            <numerusform>You may choose up to %n subject.</numerusform>
            <numerusform>You may choose up to %n subjects.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You can choose at most %n subject(s) in one exam.</source>
        <translation>
            <numerusform>You can choose at most %n subject in one exam.</numerusform>
            <numerusform>You can choose at most %n subjects in one exam.</numerusform>
        </translation>
    </message>
</context>
</TS>
