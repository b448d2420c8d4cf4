#pragma once

#include <QObject>

// Declared here rather than in the .cpp: moc 6.4 cannot tokenize the JSON raw-string fixtures there.
class TestJsonCodecs : public QObject
{
    Q_OBJECT

private slots:
    void testRoundTrip_data();
    void testRoundTrip();
    // Malformed or out-of-range input is refused with the code and the path of the first problem.
    void testMalformed_data();
    void testMalformed();
    void testLenientAcceptsNewerServers();
    void testParseObject_data();
    void testParseObject();
    void testDatesNormalisedToUtc();
    void testProblemFromError();
    void testUnknownProblemCodeKept();
};
