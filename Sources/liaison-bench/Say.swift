import Foundation

/// Prints a line of a benchmark's figures straight to standard output. `print` buffers a
/// pipe's output until the process ends, so a benchmark that hangs (the search hang of
/// 2026-12-03 sat for 16 minutes) would show nothing of what it had measured; each line here
/// arrives when it is measured.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
