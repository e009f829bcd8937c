public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process for tests, started with `posix_spawn`.
///
/// Foundation's `Process.run()` lists `/proc/self/fd` to close the parent's files in the
/// child, and on Linux that listing can read past the end of its buffer and crash the test
/// process when many files are open (swift-corelibs-foundation#5472, not fixed in Swift
/// 6.3.1; it crashed a CI run). `posix_spawn` with a `closefrom` file action closes them in
/// the kernel instead (`close_range`), so a child holds only its own three streams.
public final class ChildProcess: Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// The test process's own stream.
        case inherit
        /// `/dev/null`.
        case null
        /// A pipe: the test process holds the other end (`input`, `output` or `error`).
        case pipe
        /// A file, truncated or created.
        case file(String)
        /// Standard error only: wherever standard output goes.
        case output
    }

    /// How a child ended.
    public enum Termination: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        /// The exit status, or 128 + the signal as a shell reports it.
        public var status: Int32 {
            switch self {
            case .exited(let code): code
            case .signalled(let signal): 128 + signal
            }
        }

        public var description: String {
            switch self {
            case .exited(let code): "exit \(code)"
            case .signalled(let signal): "signal \(signal)"
            }
        }
    }

    /// The child's process id.
    public let processIdentifier: pid_t
    /// The write end of the child's standard input when it is `.pipe`.
    public let input: FileHandle?
    /// The read end of the child's standard output when it is `.pipe`.
    public let output: FileHandle?
    /// The read end of the child's standard error when it is `.pipe`.
    public let error: FileHandle?
    private let termination = Mutex<Termination?>(nil)

    /// Starts `executable` (a path) with `arguments`; `environment` nil inherits the test
    /// process's, `directory` nil its working directory.
    public init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil,
        input: Stream = .null,
        output: Stream = .inherit,
        error: Stream = .inherit
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A clean signal mask and default handlers: the test runner may block or ignore some.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var parentEnds: [Int32: Int32] = [:]  // child's stream → the test process's end of its pipe
        var childEnds: [Int32] = []
        defer { childEnds.forEach { close($0) } }
        func plan(_ stream: Stream, for target: Int32) throws {
            switch stream {
            case .inherit:
                break
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .output:
                posix_spawn_file_actions_adddup2(&actions, 1, target)
            case .pipe:
                // A child that exits without reading its input must not kill the test process.
                if target == 0 { signal(SIGPIPE, SIG_IGN) }
                var ends: [Int32] = [-1, -1]
                guard pipe(&ends) == 0 else { throw SpawnFailure("pipe", errno) }
                ends.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
                let (childEnd, parentEnd) = target == 0 ? (ends[0], ends[1]) : (ends[1], ends[0])
                childEnds.append(childEnd)
                parentEnds[target] = parentEnd
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
            }
        }
        do {
            try plan(input, for: 0)
            try plan(output, for: 1)
            try plan(error, for: 2)
            if let directory { try Self.addChangeDirectory(&actions, directory) }
            try Self.addCloseFrom(&actions, 3)
        } catch {
            parentEnds.values.forEach { close($0) }
            throw error
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let result =
            envp.map { posix_spawn(&pid, executable, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else {
            parentEnds.values.forEach { close($0) }
            throw SpawnFailure("posix_spawn \(executable)", result)
        }
        processIdentifier = pid
        self.input = parentEnds[0].map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        self.output = parentEnds[1].map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        self.error = parentEnds[2].map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
    }

    /// The next line the child writes to its piped stdout, without its newline: what it has
    /// written when it closes stdout or ends first, empty when stdout is not a pipe.
    public func readOutputLine() throws -> String {
        var line = Data()
        while let byte = try output?.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        return String(decoding: line, as: UTF8.self)
    }

    /// Whether the child has not ended yet (reaps it if it has).
    public var isRunning: Bool { reap() == nil }

    /// Waits for the child to end.
    @discardableResult
    public func wait() -> Termination {
        while true {
            if let ended = reap() { return ended }
            // Waits without reaping and without the lock, so that a ``send(_:)`` meanwhile (a
            // timeout's kill) is not held up behind it; the child stays a zombie, its pid not
            // reused, until ``reap()`` takes it under the lock.
            var info = siginfo_t()
            _ = waitid(P_PID, id_t(processIdentifier), &info, WEXITED | WNOWAIT)
        }
    }

    /// Waits up to `seconds` for the child to end, then kills it (SIGKILL) and waits.
    @discardableResult
    public func wait(killingAfter seconds: Double) -> Termination {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { usleep(20_000) }
        if isRunning { send(SIGKILL) }
        return wait()
    }

    /// Sends `signal` to the child unless it has already been reaped.
    public func send(_ signal: Int32) {
        termination.withLock { ended in
            if ended == nil { _ = kill(processIdentifier, signal) }
        }
    }

    /// The child's termination once it has ended, or nil while it runs.
    private func reap() -> Termination? {
        termination.withLock { ended in
            if let ended { return ended }
            var status: Int32 = 0
            let reaped = waitpid(processIdentifier, &status, WNOHANG)
            guard reaped == processIdentifier else { return nil }
            // The WIFEXITED / WEXITSTATUS / WTERMSIG macros are not imported into Swift.
            ended = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
            return ended
        }
    }

    /// Runs to the end and returns what it printed; a child still running after `timeout`
    /// seconds is killed. `stdin` is written to its standard input, then closed.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil,
        stdin: Data? = nil,
        mergingErrors: Bool = false,
        timeout: Double = 120
    ) throws -> (termination: Termination, output: Data, error: Data) {
        let child = try ChildProcess(
            executable,
            arguments,
            environment: environment,
            directory: directory,
            input: stdin == nil ? .null : .pipe,
            output: .pipe,
            error: mergingErrors ? .output : .pipe
        )
        let overtime = DispatchWorkItem { child.send(SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: overtime)
        defer { overtime.cancel() }
        let streams = DispatchGroup()
        if let input = child.input {
            Self.onOwnThread(streams) {
                if let stdin { try? input.write(contentsOf: stdin) }
                try? input.close()
            }
        }
        let errors = Collected()
        if let handle = child.error {
            Self.onOwnThread(streams) { errors.data = handle.readDataToEndOfFile() }
        }
        let output = child.output?.readDataToEndOfFile() ?? Data()
        streams.wait()
        return (child.wait(), output, errors.data)
    }

    /// Runs `body` in `group` on a thread of its own, not `DispatchQueue.global()`: on Linux that
    /// is Swift's cooperative pool (one thread a core), and a pipe read there held one of its
    /// threads for as long as the child ran, from the in-process servers of other suites.
    private static func onOwnThread(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        OwnThread.start {
            body()
            group.leave()
        }
    }

    private typealias FileAction =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
        ) -> Int32
    private typealias DirectoryAction =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34): Swift's Glibc module does
    /// not declare the `_np` actions, so they are looked up by name.
    private static func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) throws {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            throw SpawnFailure("posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later)", ENOSYS)
        }
        let result = unsafeBitCast(symbol, to: FileAction.self)(&actions, lowest)
        guard result == 0 else { throw SpawnFailure("posix_spawn_file_actions_addclosefrom_np", result) }
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29), looked up by name as above.
    private static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t, _ directory: String) throws {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else {
            throw SpawnFailure("posix_spawn_file_actions_addchdir_np (glibc 2.29 or later)", ENOSYS)
        }
        let result = directory.withCString { unsafeBitCast(symbol, to: DirectoryAction.self)(&actions, $0) }
        guard result == 0 else { throw SpawnFailure("posix_spawn_file_actions_addchdir_np", result) }
    }
}

/// Bytes read on another thread, handed over when its dispatch group is waited for.
private final class Collected: @unchecked Sendable {
    var data = Data()
}

/// A child process that could not be started, or did not do what it was started for.
public struct SpawnFailure: Error, CustomStringConvertible {
    public let description: String

    /// A failure described in words.
    public init(_ description: String) { self.description = description }

    /// A system call that failed with `code` (an errno value).
    init(_ what: String, _ code: Int32) {
        self.init("\(what): \(String(cString: strerror(code)))")
    }
}
