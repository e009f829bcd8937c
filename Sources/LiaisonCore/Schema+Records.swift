import Foundation

extension Schema {
    /// Checks every value of a write and returns them normalised; every problem is reported
    /// at once. The reserved field ``deletedField`` cannot be written this way. Blank text (empty
    /// or only spaces) clears an optional field, as a typed value does (``parse(field:text:)``).
    public func checkWrite(_ values: [String: FieldValue]) throws(ValidationError) -> [String: FieldValue] {
        var checked: [String: FieldValue] = [:]
        var issues: [ValidationError.Issue] = []
        if values.isEmpty { issues.append(.init(field: "fields", message: "no field to write")) }
        for name in values.keys.sorted() {
            do {
                var value = values[name]!
                if let text = value.textValue, text.trimmingCharacters(in: .whitespaces).isEmpty, try !declaration(name).required {
                    value = .null
                }
                checked[name] = try check(field: name, value: value)
            } catch {
                issues.append(contentsOf: error.issues)
            }
        }
        guard issues.isEmpty else { throw ValidationError(issues: issues) }
        return checked
    }

    /// Checks a record as it would be shown after a write: required fields present, and track
    /// fields only on records in their track. Deleted records are not checked.
    ///
    /// `carried` is for a record brought whole from another node by its id (an export's row):
    /// its track fields are not checked against its tracks, since concurrent edits at two
    /// offices make such records (docs/design.md §9) and the node that exported it holds it so.
    /// `before` is the record as it was before the write: a field it already held outside its
    /// tracks (made so by such edits) is not held against a write that leaves it so, which
    /// would otherwise refuse every edit of the record until someone cleared the field.
    public func checkRecord(_ state: RecordState, carried: Bool = false, before: RecordState? = nil) throws(ValidationError) {
        if state.isDeleted { return }
        let values = state.displayValues
        var issues = requiredMissing(from: values).map { ValidationError.Issue(field: $0, message: "is required") }
        let outside = carried ? [] : fieldsOutsideTracks(values)
        // The record before the write is looked at only when there is something to excuse.
        let heldOutside = outside.isEmpty ? [] : Set((before.map { fieldsOutsideTracks($0.displayValues) } ?? []).map(\.name))
        for (name, track) in outside where !heldOutside.contains(name) {
            issues.append(
                .init(
                    field: name,
                    message: "belongs to track \(track), which the record is not in: keep the track, or clear the field in the same change"
                )
            )
        }
        guard issues.isEmpty else { throw ValidationError(issues: issues) }
    }

    /// The fields of `values` (a record's display values) that belong to a track the record is
    /// not in, with that track, in name order.
    private func fieldsOutsideTracks(_ values: [String: FieldValue]) -> [(name: String, track: String)] {
        let tracks = Set(values["tracks"]?.listValue ?? [])
        return values.keys.sorted().compactMap { name in
            guard let track = field(name)?.track, !tracks.contains(track) else { return nil }
            return (name, track)
        }
    }

    /// The required fields that `values` (a record's display values) lack, in field order.
    public func requiredMissing(from values: [String: FieldValue]) -> [String] {
        fields.filter { $0.required && values[$0.name] == nil }.map(\.name)
    }

    /// The intake check of a state that came from outside (a peer, a bundle): within
    /// ``IntakeLimits`` (``RecordState/checkLimits()``), every field known and every entry's value
    /// of the field's type and limits, as data entry checks it (``deletedField`` a boolean).
    public func checkState(_ state: RecordState) throws(StateDecodingError) {
        try state.checkLimits()
        for (name, entries) in state.fields {
            for value in entries.values {
                if name == deletedField {
                    guard value.boolValue != nil else {
                        throw StateDecodingError(recordID: state.id, problem: "deleted must be true or false")
                    }
                    continue
                }
                let normalised: FieldValue
                do {
                    normalised = try check(field: name, value: value)
                } catch {
                    throw StateDecodingError(recordID: state.id, problem: error.description)
                }
                guard normalised == value else {
                    throw StateDecodingError(recordID: state.id, problem: "\(name): is not in canonical form")
                }
            }
        }
    }
}
