import Foundation
import Hummingbird
import LiaisonCore
import LiaisonHTTP

extension Request {
    /// The body as a JSON object of the fields of `schema` (`{"title": "…", "tracks": ["sccp"]}`).
    /// - Throws: 400 for malformed JSON or a body that is not an object; `ValidationError`
    ///   naming every member whose value no field can hold. The schema checks the rest.
    func fieldValues(schema: Schema) async throws -> [String: FieldValue] {
        let bytes = try await collectBody()
        return try Self.fieldValues(from: bytes, schema: schema)
    }

    /// `bytes` as ``fieldValues(schema:)`` reads a body. A number no double holds (`1e400`) is
    /// refused by the rule of the `schema` field it was given for (``Schema/outOfRange(field:written:)``);
    /// without a schema (a body that is not a record's fields), by the range of a number.
    static func fieldValues(from bytes: [UInt8], schema: Schema? = nil) throws -> [String: FieldValue] {
        guard !bytes.isEmpty else { throw APIError.badRequest("the body is empty: send a JSON object of fields") }
        let members: [(name: String, value: Result<FieldValue, FieldsJSON.Unheld>)]
        do {
            members = try FieldsJSON.parse(Data(bytes))
        } catch {
            switch error {
            case .malformed(let problem): throw APIError.badRequest("the body is not valid JSON: \(problem)")
            case .notAnObject: throw APIError.badRequest("the body must be a JSON object of fields")
            }
        }
        var values: [String: FieldValue] = [:]
        var issues: [ValidationError.Issue] = []
        for (name, value) in members.sorted(by: { $0.name < $1.name }) {
            switch value {
            case .success(let value): values[name] = value
            case .failure(.notAFieldValue):
                issues.append(.init(field: name, message: "must be a string, number, boolean, list of strings or null"))
            case .failure(.numberOutOfRange(let number)):
                if let schema {
                    issues += schema.outOfRange(field: name, written: number).issues
                    continue
                }
                issues.append(
                    .init(
                        field: name,
                        message:
                            "is out of range: a number must be from -\(Double.greatestFiniteMagnitude) to \(Double.greatestFiniteMagnitude), got \(number.prefix(40))"
                    )
                )
            }
        }
        guard issues.isEmpty else { throw ValidationError(issues: issues) }
        return values
    }

    /// The read context named by `If-Match: "<version token>"`; `nil` for `If-Match: *` (whatever
    /// the current version is), or without the header when it is not `required`.
    /// - Throws: 428 without a `required` header, 400 when it names no single decodable version.
    func ifMatchContext(required: Bool = true) throws -> VersionVector? {
        guard let header = headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            guard required else { return nil }
            throw APIError(
                .preconditionRequired,
                "If-Match is required: send the ETag of the version you read (If-Match: \"<version>\")"
            )
        }
        if header == "*" { return nil }
        var tag = Substring(header)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        if tag.count >= 2, tag.first == "\"", tag.last == "\"" { tag = tag.dropFirst().dropLast() }
        guard !tag.contains(","), !tag.contains("\"") else {
            throw APIError.badRequest("If-Match must name exactly one version")
        }
        return try VersionToken(decoding: String(tag)).context
    }

    /// The `{id}` parameter of the path, as given: the store reads it as the record it names
    /// (``LiaisonStore/state(id:)``).
    func recordID(_ context: LiaisonRequestContext) -> String {
        context.parameters.decoded("id")
    }
}
