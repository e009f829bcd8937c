import Hummingbird
import LiaisonCore
import LiaisonStore

/// A JSON value the API answers with; members keep the order they are given in.
enum JSON: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])
    /// Text that is already JSON (a record view, a sync page).
    case raw(String)

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    /// `.string` or `.null`.
    static func string(_ text: String?) -> JSON { text.map { .string($0) } ?? .null }
    /// `.int` or `.null`.
    static func int(_ number: Int64?) -> JSON { number.map { .int($0) } ?? .null }
    /// An ISO 8601 time for milliseconds since 1970, or `.null`.
    static func time(_ millis: Int64?) -> JSON { millis.map { .string(Timestamp.iso($0)) } ?? .null }
    /// A record's view.
    static func record(_ state: RecordState) -> JSON { .raw(RecordView(state).json) }
    /// A record's view after an edit or a resolution, with `"changed"` (first, keys staying
    /// sorted): `false` when the write changed nothing and the record is as it was
    /// (docs/design.md §4).
    static func record(_ outcome: WriteOutcome) -> JSON {
        .raw("{\"changed\":\(outcome.changed)," + RecordView(outcome.state).json.dropFirst())
    }

    /// The value as JSON text.
    var text: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.output
    }

    private func write(to writer: inout JSONWriter) {
        switch self {
        case .string(let text): writer.string(text)
        case .int(let number): writer.raw(String(number))
        case .bool(let flag): writer.raw(flag ? "true" : "false")
        case .null: writer.raw("null")
        case .raw(let text): writer.raw(text)
        case .array(let items): writer.array(items) { writer, item in item.write(to: &writer) }
        case .object(let members):
            writer.object(members.map { (key: $0.0, value: $0.1) }) { writer, value in value.write(to: &writer) }
        }
    }
}

extension Response {
    /// A JSON response.
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: value.text)))
    }
}
