import Foundation
import LiaisonCore
import LiaisonHTTP

/// What a record form shows: the values as typed (every value for sets) and an error per field.
struct RecordFormState: Sendable {
    var values: [String: [String]] = [:]
    var errors: [String: String] = [:]
    /// The version the edit form was loaded with (hidden; the save's read context).
    var version: String?
    /// The values the edit form was loaded with, as JSON (hidden), to write only what changed.
    var loaded: String?
    /// A message for the whole form.
    var problem: String?
}

/// Forms generated from the schema, and reading them back.
extension WebRoutes {
    /// Core fields in the groups the forms show them in; fields not listed go to "Other".
    static let fieldGroups: [(title: String, fields: [String])] = [
        ("About the record", ["title", "type", "office", "status", "tracks"]),
        ("Parties", ["us_party", "us_party_size", "in_party", "in_party_msme", "underserved_owned", "counterpart_agency", "naics"]),
        ("Value, dates and officer", ["value_usd", "value_basis", "opened_on", "expected_close_on", "closed_on", "officer"]),
        ("Notes", ["notes"]),
    ]
    static let wideFields: Set<String> = ["title", "tracks", "notes"]

    /// The form values of a record as it is shown.
    func formValues(_ fields: [String: FieldValue]) -> [String: [String]] {
        fields.mapValues { value in
            switch value {
            case .list(let items): items
            case .null: []
            default: [value.displayText]
            }
        }
    }

    /// The whole create or edit form.
    func recordForm(action: String, state: RecordFormState, user: WebUser, submit: String, cancel: String) -> HTML {
        let core = schema.fields.filter { $0.track == nil }
        var groups = Self.fieldGroups.map { group in
            (group.title, group.fields.compactMap { name in core.first { $0.name == name } })
        }
        let listed = Set(Self.fieldGroups.flatMap(\.fields))
        let others = core.filter { !listed.contains($0.name) }
        if !others.isEmpty { groups.append(("Other", others)) }
        let coreSets = groups.map { title, fields -> HTML in
            """
            <fieldset><legend>\(title)</legend><div class="form-grid">
            \(fields.map { control($0, values: state.values[$0.name] ?? [], error: state.errors[$0.name]) })
            </div></fieldset>
            """
        }
        let trackSets = schema.tracks.compactMap { track -> HTML? in
            let fields = schema.fields.filter { $0.track == track.id }
            guard !fields.isEmpty else { return nil }
            let selected = (state.values["tracks"] ?? []).contains(track.id)
            return """
                <fieldset data-track="\(track.id)"\(HTML.flag("hidden", !selected))><legend>\(track.title) details</legend>
                <p class="help">Shown because the record is in the \(track.title) track.</p>
                <div class="form-grid">
                \(fields.map { control($0, values: state.values[$0.name] ?? [], error: state.errors[$0.name]) })
                </div></fieldset>
                """
        }
        let errorCount = state.errors.count
        let summary: HTML? =
            errorCount > 0
            ? WebNotice.error("Please correct the \(errorCount == 1 ? "field" : "\(errorCount) fields") marked below; nothing was saved yet.")
            : nil
        let hidden: HTML = HTML.join([
            "<input type=\"hidden\" name=\"csrf\" value=\"\(user.session.csrf)\">",
            state.version.map { "<input type=\"hidden\" name=\"version\" value=\"\($0)\">" } ?? .empty,
            state.loaded.map { "<input type=\"hidden\" name=\"loaded\" value=\"\($0)\">" } ?? .empty,
        ])
        return """
            \(summary)
            \(state.problem.map(WebNotice.error))
            <form method="post" action="\(action)" novalidate>
            \(hidden)
            \(coreSets.first)
            \(trackSets)
            \(Array(coreSets.dropFirst()))
            <div class="actions"><button type="submit">\(submit)</button><a class="button secondary" href="\(cancel)">Cancel</a></div>
            </form>
            """
    }

    /// One labelled control, with its help text and error; `prefix` names it differently
    /// (the "new value" of a conflict).
    func control(_ field: FieldDeclaration, values: [String], error: String?, prefix: String = "", extra: HTML = "") -> HTML {
        let name = prefix + field.name
        let id = (prefix.isEmpty ? "f-" : "n-") + field.name.replacingOccurrences(of: ".", with: "-")
        let value = values.first ?? ""
        var described: [String] = []
        if !field.help.isEmpty { described.append(id + "-help") }
        if error != nil { described.append(id + "-error") }
        let aria: HTML = HTML.join([
            described.isEmpty ? .empty : " aria-describedby=\"\(described.joined(separator: " "))\"",
            error == nil ? .empty : " aria-invalid=\"true\"",
            field.required ? " aria-required=\"true\"" : .empty,
            extra,
        ])
        let required: HTML = field.required ? " <span class=\"muted\">(required)</span>" : ""
        let help: HTML = field.help.isEmpty ? .empty : "<p class=\"help\" id=\"\(id)-help\">\(field.help)</p>"
        let errorText: HTML = error.map { "<p class=\"error-text\" id=\"\(id)-error\">\($0)</p>" } ?? .empty
        let wide = Self.wideFields.contains(field.name) || field.kind == .text(maxLength: 10_000)
        let classes: HTML = HTML(raw: "field" + (wide ? " full" : "") + (error == nil ? "" : " has-error"))
        let input: HTML
        switch field.kind {
        case .choices(let allowed):
            let boxes = allowed.map { option -> HTML in
                let optionID = id + "-" + option
                return
                    "<label class=\"check\" for=\"\(optionID)\"><input type=\"checkbox\" id=\"\(optionID)\" name=\"\(name)\" value=\"\(option)\"\(HTML.flag("checked", values.contains(option)))> \(WebFormat.choice(option, field: field.name, schema: schema))</label>"
            }
            return """
                <fieldset class="choices \(classes)"\(aria)><legend>\(field.label)\(required)</legend>
                <div class="choices-grid">\(boxes)</div>\(help)\(errorText)</fieldset>
                """
        case .choice(let allowed):
            let options = allowed.map { option -> HTML in
                "<option value=\"\(option)\"\(HTML.flag("selected", value == option))>\(WebFormat.choice(option, field: field.name, schema: schema))</option>"
            }
            input = "<select id=\"\(id)\" name=\"\(name)\"\(aria)><option value=\"\">— choose —</option>\(options)</select>"
        case .bool:
            input = """
                <select id="\(id)" name="\(name)"\(aria)><option value="">Not known</option>
                <option value="true"\(HTML.flag("selected", value == "true"))>Yes</option>
                <option value="false"\(HTML.flag("selected", value == "false"))>No</option></select>
                """
        case .money:
            input =
                "<div class=\"money\"><span class=\"unit\" id=\"\(id)-unit\">USD</span><input type=\"number\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\" step=\"0.01\" min=\"0\" inputmode=\"decimal\"\(aria)></div>"
        case .integer(let min, let max):
            input =
                "<input type=\"number\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\" step=\"1\" min=\"\(min)\" max=\"\(max)\" inputmode=\"numeric\"\(aria)>"
        case .date:
            input = "<input type=\"date\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\"\(aria)>"
        case .digits(let lengths):
            input =
                "<input type=\"text\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\" inputmode=\"numeric\" maxlength=\"\(lengths.upperBound)\"\(aria)>"
        case .text(let maxLength) where Self.showsLines(field, value: value):
            // The line break after the tag is dropped by the browser, so a value's own leading one stays.
            let rows: HTML = maxLength > 500 ? .empty : " rows=\"3\" class=\"lines\""
            input = "<textarea id=\"\(id)\" name=\"\(name)\" maxlength=\"\(maxLength)\"\(rows)\(aria)>\n\(value)</textarea>"
        case .text(let maxLength):
            input = "<input type=\"text\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\" maxlength=\"\(maxLength)\"\(aria)>"
        }
        return """
            <div class="\(classes)"><label for="\(id)">\(field.label)\(required)</label>\(input)\(help)\(errorText)</div>
            """
    }

    /// Reads a submitted record form: the typed values (kept for a re-shown form), the parsed
    /// values of every field (`.null` for empty ones and for fields of tracks not selected),
    /// and an error per field that does not parse.
    func readRecordForm(_ form: WebForm) -> (typed: [String: [String]], values: [String: FieldValue], errors: [String: String]) {
        var typed: [String: [String]] = [:]
        var values: [String: FieldValue] = [:]
        var errors: [String: String] = [:]
        let tracks = Set(form.all("tracks"))
        for field in schema.fields {
            let given = form.all(field.name)
            typed[field.name] = given
            if let track = field.track, !tracks.contains(track) {
                values[field.name] = .null
                continue
            }
            do {
                values[field.name] = try schema.parse(field: field.name, text: submittedText(field, given))
            } catch {
                errors[field.name] = message(error, field: field.name)
            }
        }
        return (typed, values, errors)
    }

    /// `Title is required`, `Value (USD) must be a number ≥ 0, got "abc"`.
    func message(_ error: ValidationError, field: String) -> String {
        let label = schema.field(field)?.label ?? field
        return error.issues.filter { $0.field == field }.map { "\(label) \($0.message)" }.first
            ?? error.issues.map { "\(schema.field($0.field)?.label ?? $0.field) \($0.message)" }.joined(separator: "; ")
    }

    /// Errors per field of a validation error from the store.
    func fieldErrors(_ error: ValidationError) -> [String: String] {
        var errors: [String: String] = [:]
        for issue in error.issues where errors[issue.field] == nil {
            errors[issue.field] = "\(schema.field(issue.field)?.label ?? issue.field) \(issue.message)"
        }
        return errors
    }

    /// The JSON of field values (the edit form's hidden `loaded`).
    static func json(_ values: [String: FieldValue]) -> String {
        var writer = JSONWriter()
        writer.object(values.sorted { $0.key < $1.key }) { $0.value($1) }
        return writer.output
    }

    /// Field values from the hidden `loaded` JSON.
    static func decodeLoaded(_ text: String?) -> [String: FieldValue]? {
        guard let text, let data = text.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode([String: FieldValue].self, from: data)
    }
}
