/// Data entry that breaks the schema: each issue names the field and the problem
/// (`value_usd: must be a number ≥ 0, got "abc"`).
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One problem with one field.
    public struct Issue: Hashable, Sendable, CustomStringConvertible {
        /// The field concerned.
        public let field: String
        /// What is wrong.
        public let message: String

        /// An issue with `field`.
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }

        public var description: String { "\(field): \(message)" }
    }

    /// Every problem found, in field order.
    public let issues: [Issue]

    /// Issues found together.
    public init(issues: [Issue]) {
        self.issues = issues
    }

    /// A single issue.
    public init(_ field: String, _ message: String) {
        issues = [Issue(field: field, message: message)]
    }

    public var description: String { issues.map(\.description).joined(separator: "; ") }
}
