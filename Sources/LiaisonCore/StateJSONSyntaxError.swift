/// A strict JSON syntax error found by ``StateJSONReader``: what is wrong, where in the
/// document (`writes[0].fields.title`) and at which byte.
struct JSONSyntaxError: Error {
    /// What is wrong (`expected ',' or '}'`).
    var problem: String
    /// The byte offset where it was found.
    var offset: Int
    /// The path to the value, innermost component first; built only on the error path.
    var reversedPath: [String] = []

    /// The same error one level further out (`writes`, `[3]`).
    func within(_ component: String) -> JSONSyntaxError {
        var copy = self
        copy.reversedPath.append(component)
        return copy
    }

    func within(index: Int) -> JSONSyntaxError { within("[\(index)]") }

    /// `writes[0].fields.title`, or `top level`.
    var path: String {
        var text = ""
        for component in reversedPath.reversed() {
            if !text.isEmpty, !component.hasPrefix("[") { text += "." }
            text += component
        }
        return text.isEmpty ? "top level" : text
    }

    /// `at writes[0].n: expected an unsigned integer (byte 57)`; missing keys have no byte.
    var text: String {
        offset < 0 ? "at \(path): \(problem)" : "at \(path): \(problem) (byte \(offset))"
    }
}
