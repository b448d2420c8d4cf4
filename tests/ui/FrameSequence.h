#pragma once

#include "FrameSource.h"

#include <QTimer>

// Still frames fed through the kiosk's camera interface (issue 16: «tests feed a sequence of still frames through
// the same interface»): each frame in turn every `intervalMs`, round and round, once started. `unavailable`: what a
// terminal without a camera says.
class FrameSequence : public ncre::FrameSource
{
    Q_OBJECT

public:
    FrameSequence(QList<QImage> frames, QString unavailable = {}, QObject *parent = nullptr, int intervalMs = 30)
        : ncre::FrameSource(parent)
        , m_frames(std::move(frames))
        , m_unavailable(std::move(unavailable))
    {
        m_timer.setInterval(intervalMs);
        connect(&m_timer, &QTimer::timeout, this, [this]() {
            if (m_frames.isEmpty())
                return;
            emit frameReady(m_frames.at(m_next));
            m_next = (m_next + 1) % m_frames.size();
            ++m_sent;
        });
    }
    void start() override
    {
        if (m_unavailable.isEmpty())
            m_timer.start();
    }
    void stop() override { m_timer.stop(); }
    QString unavailableReason() const override { return m_unavailable; }
    int sent() const { return m_sent; }

private:
    QList<QImage> m_frames;
    QString m_unavailable;
    QTimer m_timer;
    int m_next = 0;
    int m_sent = 0;
};
