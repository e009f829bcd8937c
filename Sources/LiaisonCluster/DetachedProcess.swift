import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starting and stopping processes that outlive the command that started them.
///
/// A node is started with `posix_spawn` in a new session (so it survives `cluster up` exiting
/// and the terminal closing), with an empty signal mask and default SIGTERM/SIGINT/SIGHUP
/// handling (a parent such as a test runner may block or ignore them, and children inherit
/// that), stdin from `/dev/null` and stdout and stderr appended to a log file.
enum DetachedProcess {
    /// Starts `executable` with `arguments` and returns its pid.
    static func spawn(executable: String, arguments: [String], environment: [String: String], log: String) throws -> Int32 {
        closeInheritedDescriptors()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // POSIX_SPAWN_SETSID (glibc 2.26+) is 0x80; not every Swift overlay exports the macro.
        let setSession: Int32 = 0x80
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | setSession))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ClusterError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Marks every descriptor above stderr close-on-exec, so a node inherits none of ours: an
    /// inherited pipe (the stdout of whoever ran `cluster up`) would never see end-of-file
    /// while the node lives.
    static func closeInheritedDescriptors() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let descriptors = names.isEmpty ? Array(3..<1024) : names.compactMap { Int32($0) }.filter { $0 > 2 }
        for descriptor in descriptors {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    /// Whether `pid` is a live process (not a zombie) whose command line contains `marker`.
    /// The marker (the node's data directory) keeps a reused pid from passing for a node.
    static func isAlive(_ pid: Int32, marker: String) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        {
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
            if state == "Z" || state == "X" { return false }
        }
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
            return true  // no /proc: trust kill(0)
        }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return arguments.contains(marker)
    }

    /// Reaps `pid` if it is our own child that has exited (a no-op otherwise).
    static func reap(_ pid: Int32) {
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }

    /// Sends SIGTERM to each live process, then SIGCONT (a process stopped with SIGSTOP would
    /// only see the SIGTERM once continued, and be killed after the grace instead of shutting
    /// down), waits up to `grace` seconds, then SIGKILLs the rest and waits up to 5 s more.
    /// Returns the processes still alive after that (none, normally).
    static func stop(_ processes: [(pid: Int32, marker: String)], grace: Double) -> [Int32] {
        let live = processes.filter { isAlive($0.pid, marker: $0.marker) }
        for process in live {
            kill(process.pid, SIGTERM)
            kill(process.pid, SIGCONT)
        }
        func waitFor(_ seconds: Double) -> [(pid: Int32, marker: String)] {
            let deadline = Date().addingTimeInterval(seconds)
            var remaining = live
            while true {
                remaining.forEach { reap($0.pid) }
                remaining = remaining.filter { isAlive($0.pid, marker: $0.marker) }
                if remaining.isEmpty || Date() >= deadline { return remaining }
                usleep(100_000)
            }
        }
        var remaining = waitFor(grace)
        guard !remaining.isEmpty else { return [] }
        for process in remaining { kill(process.pid, SIGKILL) }
        remaining = waitFor(5)
        return remaining.map(\.pid)
    }
}
