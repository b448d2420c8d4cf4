<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
</TS>
