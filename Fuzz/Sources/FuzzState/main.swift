import FuzzChecks
import LiaisonCore

// Each input is a state document for `RecordState(json:)`; a state that parses must keep the
// laws of `StateChecks`.
runFuzzer { start, count in
    if let state = try? RecordState(json: fuzzInput(start, count)) { StateChecks.check(state) }
    return 0
}
