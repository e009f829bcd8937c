import Foundation
import FuzzChecks
import LiaisonCore

// Each input is the text of a version token (as a client sends it back) for
// `VersionToken(decoding:)`; a token that decodes must come back from its own text.
runFuzzer { start, count in
    let text = String(decoding: fuzzInput(start, count), as: UTF8.self)
    if let token = try? VersionToken(decoding: text) { StateChecks.checkToken(token) }
    return 0
}
