import GRDB

/// The SQL of a ``RecordQuery``, shared by the paged list and the whole-list readers.
extension RecordQuery {
    /// `WHERE ...` and its arguments.
    var sqlFilter: (sql: String, arguments: StatementArguments) {
        // Conflicted records show whether or not their provisional display is "deleted".
        var conditions = conflictedOnly ? ["conflicted = 1"] : ["deleted = ?"]
        var arguments: StatementArguments = conflictedOnly ? [] : [deleted]
        // instr, not LIKE: a track id is matched exactly, never as a pattern.
        if let track { conditions.append("instr(tracks, ?) > 0"); arguments += [",\(track),"] }
        if let office { conditions.append("office = ?"); arguments += [office] }
        if let status { conditions.append("status = ?"); arguments += [status] }
        if let text = text?.lowercased(), !text.isEmpty {
            conditions.append("instr(search, ?) > 0")
            arguments += [text]
        }
        return ("WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// The `ORDER BY` terms.
    var sqlOrder: String {
        switch sort {
        case .updated: "updated_at DESC, id"
        case .created: "id"
        case .title: "title COLLATE NOCASE, id"
        case .value: "value_usd DESC NULLS LAST, id"
        case .status: "status, id"
        case .office: "office, id"
        }
    }
}
