import CFuzzerDriver
import Foundation

/// Runs libFuzzer over `test`, with the process's own arguments (`-max_total_time=N`, corpus
/// directories, `-artifact_prefix=…`; see `scripts/fuzz.sh`), and exits with its status.
///
/// `test` is given each input's bytes; it returns 0, or stops the process through
/// ``StateChecks/fail(_:)`` when a law is broken.
public func runFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    exit(liaison_fuzzer_run(CommandLine.argc, CommandLine.unsafeArgv, test))
}

/// The bytes of one input as `Data` (libFuzzer may pass a null pointer for the empty input).
public func fuzzInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Data {
    guard let start, count > 0 else { return Data() }
    return Data(bytes: start, count: count)
}
