import Foundation

/// The one reading of yes or no written as text, wherever a person or a script types one: a
/// field's value on the command line (`underserved_owned=yes`, `resolve ID deleted=true`), a
/// spreadsheet cell, a query parameter (`?conflicted=1`). Case and surrounding spaces do not
/// matter.
///
/// ```swift
/// YesNo.parse(" Yes ")  // true
/// YesNo.parse("0")      // false
/// YesNo.parse("maybe")  // nil: refuse it with YesNo.expectation
/// ```
public enum YesNo {
    /// What a refusal says, naming every spelling ``parse(_:)`` accepts.
    public static let expectation = "must be true or false (or yes/no, y/n, 1/0)"

    /// `true` for `true`, `yes`, `y`, `1`; `false` for `false`, `no`, `n`, `0`; `nil` for anything else.
    public static func parse(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "y", "1": true
        case "false", "no", "n", "0": false
        default: nil
        }
    }
}
