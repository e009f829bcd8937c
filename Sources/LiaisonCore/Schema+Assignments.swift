extension Schema {
    /// Parses `FIELD=VALUE` arguments typed by a person into checked values, each by its
    /// field's type (``parse(field:text:)``). Every problem is reported at once; a field
    /// given twice is refused.
    ///
    /// ```swift
    /// let values = try schema.parseAssignments(["title=Lithium JV", "value_usd=2500000"])
    /// ```
    ///
    /// With `allowingDeleted`, the reserved field ``deletedField`` may be given as `true` or
    /// `false` (a resolution that settles a delete conflict).
    public func parseAssignments(
        _ arguments: [String],
        allowingDeleted: Bool = false
    ) throws(ValidationError) -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        var issues: [ValidationError.Issue] = []
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                issues.append(.init(field: argument, message: "expected FIELD=VALUE"))
                continue
            }
            let name = String(argument[..<equals])
            let text = String(argument[argument.index(after: equals)...])
            guard values[name] == nil, !issues.contains(where: { $0.field == name }) else {
                issues.append(.init(field: name, message: "given more than once"))
                continue
            }
            do throws(ValidationError) {
                if allowingDeleted && name == deletedField {
                    guard let flag = YesNo.parse(text) else { throw ValidationError(name, "\(YesNo.expectation), got \(Self.quoted(text))") }
                    values[name] = .bool(flag)
                } else {
                    values[name] = try parse(field: name, text: text)
                }
            } catch {
                issues.append(contentsOf: error.issues)
            }
        }
        guard issues.isEmpty else { throw ValidationError(issues: issues) }
        return values
    }
}
