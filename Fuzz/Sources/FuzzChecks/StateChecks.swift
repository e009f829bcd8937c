import Foundation
import LiaisonCore

/// The laws every state that parsed must keep; a broken law stops the fuzzer with a message
/// (libFuzzer then saves the input as a crash).
public enum StateChecks {
    /// Checks the round trip through ``RecordState/canonicalJSON``, idempotent merge, that the
    /// displayed values, summary, conflicts and version can be computed, and that a local write
    /// or delete on the state does not trap (issue 9: a counter at its limit must be refused).
    public static func check(_ state: RecordState) {
        let canonical = state.canonicalJSON
        let reparsed: RecordState
        do {
            reparsed = try RecordState(json: Data(canonical.utf8))
        } catch {
            fail("canonicalJSON does not parse back: \(error)\n  canonical: \(canonical)")
        }
        if reparsed != state { fail("canonicalJSON parses back to a different state\n  canonical: \(canonical)") }
        let again = reparsed.canonicalJSON
        if again != canonical { fail("canonicalJSON is not stable\n  first:  \(canonical)\n  second: \(again)") }

        do {
            let merged = try state.merged(with: state)
            if merged != state { fail("merged(with: self) differs from self\n  state:  \(canonical)\n  merged: \(merged.canonicalJSON)") }
        } catch {
            fail("merged(with: self) throws: \(error)\n  state: \(canonical)")
        }

        _ = state.displayValues
        _ = state.displaySummary
        _ = state.conflictedFields
        _ = state.isDeleted
        _ = state.updatedAt
        // Version tokens decode within the intake limits only (a context past them is quarantined
        // before it is stored), so only a state within them must give a token that decodes.
        if (try? state.checkLimits()) != nil { checkToken(state.version) }
        checkWrites(on: state)
    }

    /// A write at each replica of the state's context (and at a new one), and a delete: each
    /// must either apply or be refused with an error, never stop the process. `try?` keeps this
    /// compiling whether `write` throws or not.
    static func checkWrites(on state: RecordState) {
        let meta = WriteMeta(author: "fuzz", at: 1_764_400_000_000)
        for replica in state.context.sorted.prefix(8).map(\.replica) + ["fuzz.k3f9q2"] {
            var written = state
            _ = try? written.write(["title": .text("fuzz")], readContext: state.context, replica: replica, meta: meta)
            var deleted = state
            _ = try? deleted.delete(readContext: .empty, replica: replica, meta: meta)
        }
    }

    /// Checks that a token's text decodes back to the same token.
    public static func checkToken(_ token: VersionToken) {
        let text = token.description
        do {
            let decoded = try VersionToken(decoding: text)
            if decoded != token { fail("version token \(text) decodes to a different context") }
        } catch {
            fail("version token \(text) of a valid context does not decode: \(error)")
        }
    }

    /// Stops the process with `message` (libFuzzer records the input that led here).
    public static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("FUZZ CHECK FAILED: \(message)\n".utf8))
        abort()
    }
}
