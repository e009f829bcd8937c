import Foundation

/// Prints a line of a benchmark's figures straight to standard output. `print` buffers a
/// pipe's output until the process ends, so a benchmark that hangs (the search hang of
/// 2026-12-03 sat for 16 minutes) would show nothing of what it had measured; each line here
/// arrives when it is measured. A reader that went away gets no more lines (``Bench/main()``).
func say(_ line: String) {
    try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
}
