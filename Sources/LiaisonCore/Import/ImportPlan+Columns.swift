extension ImportPlan {
    /// The field each column of `table` holds (`nil`: skipped), and the problems of its header
    /// and of `map`: a column maps as `map` says, else to the field (of `known`) it names. A
    /// `map` entry's column and field match as a header matches a field (ignoring case, spaces,
    /// `_` and `-`); one naming a column the file does not have, or a field that is not in
    /// `known`, is a problem (with the nearest field name, when one is close). Map entries are
    /// named, and advised, as `wording` writes them.
    static func columnFields(
        _ table: CSVTable,
        known: [String],
        map: [String: String],
        wording: MapWording
    ) -> ([String?], [ImportProblem]) {
        let header = CSVTable.headerRow
        var problems: [ImportProblem] = []
        // The field of each mapped column: "" skips it, as does a map entry naming no field
        // (already a problem).
        var mapped: [Int: String] = [:]
        for (column, target) in map.sorted(by: { $0.key < $1.key }) {
            let entry = wording("\(column)=\(target)")
            let indices = table.header.indices.filter { Schema.matchChoice(table.header[$0], [column]) != nil }
            if indices.isEmpty {
                problems.append(ImportProblem(row: header, field: nil, message: "\(entry): the file has no column \"\(column)\""))
            }
            if target.isEmpty {
                for index in indices { mapped[index] = "" }
            } else if let field = Schema.matchChoice(target, known) {
                for index in indices { mapped[index] = field }
            } else {
                problems.append(
                    ImportProblem(row: header, field: nil, message: "\(entry): no field \"\(target)\"" + Self.suggestion(target, known))
                )
                for index in indices { mapped[index] = "" }
            }
        }
        var fields: [String?] = []
        for (index, column) in table.header.enumerated() {
            // Spreadsheets often save empty columns after the last one: skip them if nothing is in them.
            if column.isEmpty, mapped[index] == nil,
                table.rows.allSatisfy({ index >= $0.values.count || $0.values[index].allSatisfy(\.isWhitespace) })
            {
                fields.append(nil)
                continue
            }
            guard let target = mapped[index] ?? Schema.matchChoice(column, known) else {
                problems.append(
                    ImportProblem(
                        row: header,
                        field: nil,
                        message:
                            "column \"\(column)\" is not a field\(Self.suggestion(column, known)); map it with \(wording("\(column)=FIELD")) or skip it with \(wording("\(column)="))"
                    )
                )
                fields.append(nil)
                continue
            }
            if target.isEmpty {
                fields.append(nil)
            } else if fields.contains(target) {
                problems.append(ImportProblem(row: header, field: target, message: "more than one column holds this field"))
                fields.append(nil)
            } else {
                fields.append(target)
            }
        }
        return (fields, problems)
    }

    /// ` (did you mean "title"?)` when one name of `known` is close to `name` (at most two
    /// letters added, dropped, changed or swapped, ignoring case, spaces, `_` and `-`), else empty.
    static func suggestion(_ name: String, _ known: [String]) -> String {
        func key(_ value: String) -> [Character] { Array(Schema.nameKey(value)) }
        let wanted = key(name)
        // Names whose lengths differ by more than two are more than two apart: they are not
        // compared, so a long column name costs no more than a short one (a header of 500
        // columns of 2,000 letters held a node's CPU for minutes).
        let scored = known.map { (name: $0, key: key($0)) }.filter { abs($0.key.count - wanted.count) <= 2 }
            .map { (name: $0.name, distance: Self.editDistance(wanted, $0.key)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= min(2, wanted.count / 2),
            scored.filter({ $0.distance == best.distance }).count == 1
        else { return "" }
        return " (did you mean \"\(best.name)\"?)"
    }

    /// The optimal string alignment distance: letters added, dropped, changed, or two
    /// neighbours swapped (`titel` is one from `title`).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
