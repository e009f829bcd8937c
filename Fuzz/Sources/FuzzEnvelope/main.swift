import FuzzChecks
import LiaisonCore

// Each input is a sync page, batch or bundle for `StateEnvelope.parse(_:)`; every state of an
// envelope that parses must keep the laws of `StateChecks`, and its scalars must be readable.
runFuzzer { start, count in
    guard let envelope = try? StateEnvelope.parse(fuzzInput(start, count)) else { return 0 }
    for state in envelope.states { StateChecks.check(state) }
    for key in envelope.fields.keys {
        _ = try? envelope.string(key)
        _ = try? envelope.integer(key)
        _ = try? envelope.bool(key)
    }
    return 0
}
