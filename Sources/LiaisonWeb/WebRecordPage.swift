import Foundation
import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// `GET /records/{id}`: the record's fields with labels, its conflicts side by side (with
/// the resolution form for editors) and its history (``historySection(_:user:after:)``).
extension WebRoutes {
    @Sendable func recordPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let state = try await loadState(context)
        let query = WebForm.query(of: request)
        return try await showRecord(state, user: user, notice: WebNotice.done(query["done"]), historyAfter: try Self.historyPlace(query))
    }

    /// The record page, with a notice and (after a refused resolution) the resolution errors;
    /// its history from the newest write, or from just after `historyAfter`.
    func showRecord(
        _ state: RecordState,
        user: WebUser,
        notice: HTML?,
        status: HTTPResponse.Status = .ok,
        resolveError: String? = nil,
        historyAfter: Dot? = nil
    ) async throws -> Response {
        let view = RecordView(state)
        let title = view.fields["title"]?.textValue ?? "(untitled)"
        // A record whose delete is in conflict offers Keep deleted or Restore instead of Delete.
        let delete: HTML =
            state.isConflicted(deletedField) ? "" : "<a class=\"button danger\" href=\"/records/\(view.id)/delete\">Delete</a>"
        let actions: HTML =
            !user.canEdit
            ? ""
            : view.deleted
                ? undeleteControl(state, for: user)
                : """
                <a class="button" href="/records/\(view.id)/edit">Edit</a>
                \(delete)
                """
        let badges = HTML.join(
            [
                "<span class=\"badge\">\(WebFormat.humanize(view.fields["type"]?.textValue ?? ""))</span>",
                "<span class=\"badge\">\(WebFormat.office(view.fields["office"]?.textValue ?? "")) office</span>",
                "<span class=\"badge status\">\(WebFormat.humanize(view.fields["status"]?.textValue ?? ""))</span>",
                view.deleted ? "<span class=\"badge deleted\">Deleted</span>" : .empty,
                view.isConflicted
                    ? "<a class=\"badge conflict\" href=\"#resolve\">\(view.conflicts.count) conflicting field\(view.conflicts.count == 1 ? "" : "s")</a>"
                    : .empty,
            ],
            separator: " "
        )
        return try await render(
            title,
            user: user,
            section: .records,
            status: status,
            notice: notice,
            body: """
                <p><a href="/records">← All records</a></p>
                <div class="page-head"><h1>\(title)</h1><div class="actions">\(actions)</div></div>
                <p class="actions">\(badges)</p>
                \(view.isConflicted ? conflictSection(state, user: user, error: resolveError) : .empty)
                <section class="card" aria-labelledby="details-h"><h2 id="details-h">Details</h2>
                <dl class="fields">\(detailRows(state))</dl></section>
                \(try await historySection(state, user: user, after: historyAfter))
                """
        )
    }

    private func detailRows(_ state: RecordState) -> [HTML] {
        let values = state.displayValues
        let tracks = Set(values["tracks"]?.listValue ?? [])
        let conflicted = Set(state.conflictedFields)
        return schema.fields.compactMap { field -> HTML? in
            if let track = field.track, !tracks.contains(track), values[field.name] == nil { return nil }
            let inConflict = conflicted.contains(field.name)
            let shown = values[field.name].map { WebFormat.value($0, field: field.name, schema: schema) }
            let group: HTML = field.track.map { " <span class=\"muted\">(\(WebFormat.track($0, schema: schema)))</span>" } ?? .empty
            let flag: HTML =
                inConflict
                ? " <a class=\"badge conflict\" href=\"#c-\(field.name)\">Conflict: \(state.entries(of: field.name).count) values</a>" : .empty
            let cls: HTML = inConflict ? " class=\"in-conflict\"" : .empty
            return """
                <dt\(cls)>\(field.label)\(group)</dt><dd\(cls)>\(shown ?? "—")\(flag)</dd>
                """
        }
    }

    /// Each conflicted field with every value, who wrote it, where and when; editors pick one
    /// or type a new value.
    private func conflictSection(_ state: RecordState, user: WebUser, error: String?) -> HTML {
        let editable = user.canEdit
        let fields = state.conflictedFields.sorted { a, b in
            (a == deletedField ? 0 : 1, schema.fields.firstIndex { $0.name == a } ?? .max)
                < (b == deletedField ? 0 : 1, schema.fields.firstIndex { $0.name == b } ?? .max)
        }
        let groups = fields.map { name in
            name == deletedField ? deleteConflict(state, editable: editable) : fieldConflict(state, field: name, editable: editable)
        }
        let intro: HTML = """
            <p>The same thing was changed twice without either change seeing the other (at two offices, or in a
            form opened before the other change), so Liaison kept every value. Until someone resolves it, every
            office shows the same provisional value: a field's latest, and a record deleted while it was
            edited stays listed.</p>
            """
        guard editable else {
            return """
                <section class="card" id="resolve" aria-labelledby="resolve-h"><h2 id="resolve-h">Conflicts</h2>\(intro)
                \(groups)<p class="muted">An editor can resolve these.</p></section>
                """
        }
        return """
            <section class="card" id="resolve" aria-labelledby="resolve-h"><h2 id="resolve-h">Resolve conflicts</h2>\(intro)
            \(error.map(WebNotice.error))
            <form method="post" action="/records/\(state.id)/resolve">
            <input type="hidden" name="csrf" value="\(user.session.csrf)">
            <input type="hidden" name="version" value="\(state.version.description)">
            \(groups)
            <div class="actions"><button type="submit">Save resolution</button></div>
            </form></section>
            """
    }

    private func fieldConflict(_ state: RecordState, field name: String, editable: Bool) -> HTML {
        let field = schema.field(name)
        let label = field?.label ?? name
        let slug = name.replacingOccurrences(of: ".", with: "-")
        // Each value once, with every write of it (the same value written twice without one
        // seeing the other); picked by the index of its first entry, as the resolve reads it.
        let entries = state.entries(of: name)
        let values = entries.indices.filter { index in !entries[..<index].contains { $0.value == entries[index].value } }
        let options = values.map { index -> HTML in
            let radioID = "p-\(slug)-\(index)"
            let radio: HTML =
                editable
                ? "<input type=\"radio\" id=\"\(radioID)\" name=\"pick.\(name)\" value=\"v\(index)\">" : .empty
            let shown: HTML = index == 0 ? " <span class=\"badge\">shown now</span>" : .empty
            let writes = entries.filter { $0.value == entries[index].value }.map { Self.madeBy($0, "Edited") }
            return """
                <label class="option" for="\(radioID)">\(radio) <span class="value">\(WebFormat.value(entries[index].value, field: name, schema: schema))</span>
                \(writes)\(shown)</label>
                """
        }
        var newOption: HTML = .empty
        if editable, let field {
            let radioID = "p-\(slug)-new"
            newOption = """
                <div class="option new"><label class="check" for="\(radioID)"><input type="radio" id="\(radioID)" name="pick.\(name)" value="new"> Type a new value</label>
                \(control(field, values: [], error: nil, prefix: "new.", extra: " data-new-for=\"\(radioID)\""))</div>
                """
        }
        return """
            <fieldset class="conflict-field" id="c-\(name)"><legend>\(label): \(values.count) values</legend>
            <div class="options">\(options)\(newOption)</div></fieldset>
            """
    }

    /// Who made a conflict's entry, where and when: `Edited at Chennai by priya, <time>`, its
    /// time marked when the clock was wrong.
    private static func madeBy(_ entry: FieldEntry, _ verb: HTML) -> HTML {
        """
        <span class="meta">\(verb) at <strong>\(WebFormat.replicaOffice(entry.dot.replica))</strong> by <strong><bdi>\(entry.meta.author)</bdi></strong>, \(WebFormat.time(millis: entry.meta.at))\(clockMark(entry.meta))</span>
        """
    }

    private func deleteConflict(_ state: RecordState, editable: Bool) -> HTML {
        let entries = state.entries(of: deletedField)
        func card(_ deleted: Bool) -> HTML {
            let matching = entries.filter { $0.value == .bool(deleted) }
            let who = matching.map { Self.madeBy($0, deleted ? "Deleted" : "Edited") }
            let id = deleted ? "p-deleted-keep" : "p-deleted-restore"
            let radio: HTML =
                editable
                ? "<input type=\"radio\" id=\"\(id)\" name=\"pick.\(deletedField)\" value=\"\(deleted ? "true" : "false")\">" : .empty
            return """
                <label class="option" for="\(id)">\(radio) <span class="value">\(deleted ? "Keep deleted" : "Restore (keep the record)")</span>\(who)</label>
                """
        }
        return """
            <fieldset class="conflict-field" id="c-\(deletedField)"><legend>Deleted at one office, edited at another</legend>
            <div class="options">\(card(true))\(card(false))</div></fieldset>
            """
    }

    /// The record of the `{id}` parameter, or 404.
    func loadState(_ context: WebContext) async throws -> RecordState {
        let id = context.parameters.decoded("id")
        guard let state = try await store.state(id: id) else { throw StoreError(.notFound, "There is no record \(id) at this office.") }
        return state
    }
}
