import LiaisonCore

/// The fields a form route takes, as its page renders them. A form holding any other field
/// (`colour=red`), or one of them twice (`title=a&title=b`) unless it is a group of checkboxes,
/// is refused naming it and changes nothing, as the API refuses an unknown member: the page
/// never sends one, so reading the first value or leaving a field out would only hide a mistake.
struct WebFormFields: Sendable {
    /// Names sent at most once.
    var once: Set<String>
    /// Names that may come several times (a group of checkboxes).
    var repeating: Set<String> = []

    /// Each of `once` at most once, each of `repeating` any number of times.
    init(_ once: Set<String>, repeating: Set<String> = []) {
        self.once = once
        self.repeating = repeating
    }

    /// A control for each of `fields`, named `prefix` and its name (``WebRoutes/control(_:values:error:prefix:extra:)``):
    /// a set's checkboxes as often as ticked, any other once.
    init(controls fields: [FieldDeclaration], prefix: String = "") {
        self.init([])
        for field in fields {
            if case .choices = field.kind { repeating.insert(prefix + field.name) } else { once.insert(prefix + field.name) }
        }
    }

    /// No field but the CSRF token: a button.
    static let none = WebFormFields([])

    /// The sign-in form's fields (its own token, `signin`, and a form carried through it).
    static let signIn = WebFormFields(["username", "password", "signin", "next", "resume_to", "resume"])

    /// These fields and `other`'s.
    func adding(_ other: WebFormFields) -> WebFormFields {
        WebFormFields(once.union(other.once), repeating: repeating.union(other.repeating))
    }
}

extension WebForm {
    /// Why the form does not fit `fields`: each field it holds that `fields` does not take, or
    /// takes once but got more often; nil when it fits.
    func refusal(_ fields: WebFormFields) -> String? {
        // Each name once, in the order first met (sets: a crafted form may hold a million names).
        var seen: Set<String> = []
        var named: Set<String> = []
        var unknown: [String] = []
        var twice: [String] = []
        for (name, _) in pairs where !fields.repeating.contains(name) {
            if !fields.once.contains(name) {
                if named.insert(name).inserted { unknown.append(name) }
            } else if !seen.insert(name).inserted, named.insert(name).inserted {
                twice.append(name)
            }
        }
        func list(_ names: [String]) -> String {
            names.prefix(5).map { "\"\($0.prefix(40))\"" }.joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
        }
        var problems: [String] = []
        if !unknown.isEmpty { problems.append("\(unknown.count == 1 ? "a field" : "fields") this page does not take, \(list(unknown))") }
        if !twice.isEmpty { problems.append("\(twice.count == 1 ? "the field" : "the fields") \(list(twice)) more than once") }
        guard !problems.isEmpty else { return nil }
        return "the form holds \(problems.joined(separator: ", and ")), so nothing was saved: send it from the page in a browser"
    }
}
