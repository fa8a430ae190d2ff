#pragma once

namespace Boxscope {

/// SIGTERM, SIGINT and SIGHUP always end the process, whatever its GUI thread is doing.
///
/// The handlers only write the signal's number to a pipe; a thread of the guard's own reads it
/// and asks the application to quit (queued to the application's thread: windows close, the
/// sandbox tarantool is stopped, settings are saved, as on a normal exit; the exit status is
/// 128 + the signal's number). When the process is still there graceMs later (its GUI thread
/// stuck), or a second signal comes, the guard ends it at once with the same status, saying so
/// on stderr. The sandbox tarantool ends with the process either way (SandboxServer starts it
/// with PR_SET_PDEATHSIG).
namespace SignalGuard {

/// Installs the handlers once per process; later calls do nothing.
void install(int graceMs = 3000);

} // namespace SignalGuard

} // namespace Boxscope
