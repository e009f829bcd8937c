import Foundation

/// Prints a line of a benchmark's figures straight to standard output. `print` buffers a
/// pipe's output until the process ends, so a benchmark that hangs (the search hang of
/// 2026-12-03 sat for 16 minutes) would show nothing of what it had measured; each line here
/// arrives when it is measured. A reader that goes away (`| head`) no longer gets lines, and
/// the benchmark still stops the nodes it started.
func say(_ line: String) {
    try? standardOutput.write(contentsOf: Data((line + "\n").utf8))
}

/// Standard output, with a write to a closed pipe failing instead of killing the process
/// (SIGPIPE), which would leave its `liaison serve` processes running.
private let standardOutput: FileHandle = {
    signal(SIGPIPE, SIG_IGN)
    return FileHandle.standardOutput
}()
