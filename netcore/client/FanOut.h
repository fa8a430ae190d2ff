#pragma once

#include "client/Request.h"
#include "iproto/Error.h"
#include "iproto/RequestSpec.h"
#include "msgpack/MpValue.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <vector>

class QIODevice;

namespace Boxscope {

class Connection;

/// One request sent to several instances at once, each on its own Connection and named by an
/// instance label (its host:port, never a password). Per instance: its Request (pushes as
/// they come, then the result or error, with the request's own timeout and deadline) and when
/// it went out; finished() once every instance is done.
///
/// The fan-out owns the requests it makes (it adopts them from their connections): deleting it
/// discards the pending ones. An instance without a connection fails at once with a
/// connection error ("Connection is not established").
///
/// The events are remembered in the order they arrived, across instances (a run-length list
/// of instance numbers, a few bytes per burst), so writeJsonLines() writes them in that order,
/// each as JsonLines writes it for one request plus an "instance" field:
///
///   {"event":"push","instance":"127.0.0.1:3301","index":1,"elapsed_ms":50.112,"value":{...}}
///   {"event":"result","instance":"127.0.0.1:3302","elapsed_ms":251.020,"value":[5]}
class FanOut : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        QString instance;                 ///< the label: host:port, unix/:path
        Connection *connection = nullptr; ///< null: the instance fails at once
    };

    explicit FanOut(QObject *parent = nullptr);
    ~FanOut() override;

    /// Submits spec to every target's connection, in the targets' order. Once per fan-out.
    void start(const RequestSpec &spec, const QList<Target> &targets);

    int count() const { return int(m_instances.size()); }
    QString instance(int i) const { return m_instances.at(size_t(i)).label; }
    /// The instance's request (null when it had no connection, or it was deleted).
    Request *request(int i) const { return m_instances.at(size_t(i)).request; }
    bool isFinished(int i) const;
    /// Why the instance failed (null when it did not or has not finished).
    Error error(int i) const;
    /// When the request was written to the instance's socket, since start() (-1: not yet, or
    /// never). The request's firstPushNs() and durationNs() count from that moment.
    qint64 sentAtNs(int i) const { return m_instances.at(size_t(i)).sentAtNs; }
    /// Since start().
    qint64 elapsedNs() const { return m_clock.isValid() ? m_clock.nsecsElapsed() : 0; }

    bool isFinished() const { return m_started && m_remaining == 0; }
    /// Instances that ended in an error.
    int failedCount() const;

    /// Every event so far as JSON lines with an "instance" field, in arrival order: first a
    /// "dropped" line for each instance whose request no longer holds all its pushes, then
    /// the held pushes and each finished instance's result or error. False with *errorText
    /// when a write fails.
    bool writeJsonLines(QIODevice *out, QString *errorText = nullptr) const;

    /// A JsonLines line (`{"event":"…",…}`) with `"instance":"…"` after its event.
    static QString withInstance(const QString &line, const QString &instance);

signals:
    void pushReceived(int instance, const Boxscope::MpValue &value, quint64 index);
    /// The instance's request was written to its socket.
    void instanceSent(int instance);
    /// The instance's result or error is in.
    void instanceFinished(int instance);
    /// Every instance has finished.
    void finished();

private:
    struct Instance
    {
        QString label;
        QPointer<Request> request;
        Error missing; ///< no connection: the error it failed with
        bool finished = false;
        qint64 sentAtNs = -1;
    };
    // A burst of consecutive events from one instance.
    struct Run
    {
        quint32 instance = 0;
        quint32 count = 0;
    };

    void note(int instance);
    void finishInstance(int instance);

    std::vector<Instance> m_instances;
    std::vector<Run> m_events;
    QElapsedTimer m_clock;
    int m_remaining = 0;
    int m_submitting = -1; ///< the instance whose submit() runs
    bool m_started = false;
};

} // namespace Boxscope
