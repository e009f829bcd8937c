import Foundation

extension ImportPlan {
    /// Why a list of `COLUMN=FIELD` entries is not a column map.
    public enum ColumnMapProblem: Error, Hashable, Sendable {
        /// An entry without `=`.
        case notAnEntry(String)
        /// A column given twice, to different fields (`""`: skipped), `also` its second spelling
        /// when it was spelled otherwise (`Ref`, `ref`).
        case twice(column: String, also: String?, first: String, then: String)
    }

    /// The map of `entries`, each `COLUMN=FIELD` (split at its last `=`, both sides trimmed; an
    /// empty FIELD skips the column), as the CLI's `--map` and the web page's Map box give it.
    /// An entry given twice alike counts once. Columns are told apart as the file's are matched
    /// (ignoring case, spaces, `_` and `-`): `Ref` and `ref` are one column.
    ///
    /// ```swift
    /// try ImportPlan.columnMap(["Deal name=title", "Notes 2="])  // ["Deal name": "title", "Notes 2": ""]
    /// ```
    /// - Throws: ``ColumnMapProblem`` for an entry without `=`, or a column given to two fields:
    ///   the last one won, silently, and the other field then lacked its column.
    public static func columnMap(_ entries: [String]) throws(ColumnMapProblem) -> [String: String] {
        var map: [String: String] = [:]
        var given: [String: (column: String, field: String)] = [:]  // by Schema.nameKey of the column
        for entry in entries {
            guard let equals = entry.lastIndex(of: "=") else { throw .notAnEntry(entry) }
            let column = entry[..<equals].trimmingCharacters(in: .whitespaces)
            let field = entry[entry.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // Which of two spellings won depended on their order as text, silently.
            if let first = given[Schema.nameKey(column)], first.field != field {
                throw .twice(column: first.column, also: first.column == column ? nil : column, first: first.field, then: field)
            }
            given[Schema.nameKey(column)] = (column, field)
            map[column] = field
        }
        return map
    }
}

extension ImportPlan {
    /// How entries of a column map are written where the import is asked for (`--map "…"` on
    /// the command line, a line of the web page's box), so that a problem names an entry, and
    /// advice gives one, in the words the person uses there.
    ///
    /// ```swift
    /// ImportPlan.MapWording.commandLine("Deal name=title")  // --map "Deal name=title"
    /// ```
    public struct MapWording: Hashable, Sendable {
        /// What comes before the entry.
        public let before: String
        /// What comes after it.
        public let after: String

        /// Entries written between `before` and `after`.
        public init(before: String, after: String) {
            self.before = before
            self.after = after
        }

        /// The command line's: `--map "COLUMN=FIELD"`.
        public static let commandLine = MapWording(before: "--map \"", after: "\"")

        /// `entry` (`COLUMN=FIELD`) as written there.
        public func callAsFunction(_ entry: String) -> String { before + entry + after }
    }
}

extension ImportPlan.ColumnMapProblem {
    /// The problem in words, each entry named as `name` writes it (`--map "…"`, or a line of the
    /// page's Map box).
    public func description(naming name: (String) -> String) -> String {
        func field(_ field: String) -> String { field.isEmpty ? "skipped" : "to \(field)" }
        switch self {
        case .notAnEntry(let entry): return "\(name(entry)): expected COLUMN=FIELD"
        case .twice(let column, nil, let first, let then):
            return "column \"\(column)\" is mapped twice, \(field(first)) and \(field(then)): give it once"
        case .twice(let column, let also?, let first, let then):
            return
                "\"\(column)\" and \"\(also)\" name one column (case, spaces, _ and - aside), mapped \(field(first)) and \(field(then)): give it once"
        }
    }
}
