import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// Creating, editing, deleting and resolving records through forms.
extension WebRoutes {
    @Sendable func newRecordPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        var state = RecordFormState()
        state.values = ["office": [store.identity.office], "status": ["identified"]]
        if let track = WebForm.query(of: request).text("track") { state.values["tracks"] = [track] }
        return try await showNewForm(state, user: user)
    }

    private func showNewForm(
        _ state: RecordFormState,
        user: WebUser,
        status: HTTPResponse.Status = .ok,
        notice: HTML? = nil
    ) async throws -> Response {
        try await render(
            "New record",
            user: user,
            section: .records,
            status: status,
            notice: notice,
            body: """
                <p><a href="/records">← All records</a></p>
                <h1>New record</h1>
                \(recordForm(action: "/records", state: state, user: user, submit: "Create record", cancel: "/records"))
                """
        )
    }

    @Sendable func createRecord(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: recordFormFields)
        let (typed, values, errors) = readRecordForm(form)
        var state = RecordFormState(values: typed, errors: errors)
        guard errors.isEmpty else { return try await showNewForm(state, user: user, status: .badRequest) }
        do {
            let created = try await store.create(values.filter { !$0.value.isNull }, author: user.name)
            return .seeOther("/records/\(created.id)?done=created")
        } catch let error as ValidationError {
            state.errors = fieldErrors(error)
            return try await showNewForm(state, user: user, status: .badRequest)
        } catch {
            guard let unavailable = WebUnavailable(error) else { throw error }
            state.problem = unavailable.notice
            return try await showNewForm(state, user: user, status: .serviceUnavailable)
        }
    }

    /// The fields of the record form (``recordForm(action:state:user:submit:cancel:)``): every
    /// field of the schema, a track's too (its controls are sent while hidden).
    private var recordFormFields: WebFormFields { WebFormFields(controls: schema.fields) }

    /// The fields of `record`'s resolve form: a choice (`pick.<field>`) and a typed value
    /// (`new.<field>`) for each field that can be in conflict, not only those in conflict now, so
    /// that a page opened before a sync settled one gets its own answer (the record changed).
    private func resolveFormFields(_ record: RecordState) -> WebFormFields {
        let picked = Set(schema.fields.map(\.name)).union(record.conflictedFields).union([deletedField])
        return WebFormFields(Set(picked.map { "pick.\($0)" }).union(["version"]))
            .adding(WebFormFields(controls: schema.fields, prefix: "new."))
    }

    /// A record form sent after its session ended, shown again filled with what was typed
    /// (nothing saved yet); `nil` for other forms.
    func resumedForm(_ resume: SignInResume, user: WebUser) async throws -> Response? {
        guard user.canEdit else { return nil }
        let parts = resume.path.split(separator: "/")
        let (typed, _, _) = readRecordForm(resume.form)
        let notice = WebNotice.warn("You are signed in again. Nothing has been saved yet: check what you typed below, then save.")
        if parts == ["records"] {
            return try await showNewForm(RecordFormState(values: typed), user: user, notice: notice)
        }
        guard parts.count == 2, parts[0] == "records", let record = try await store.state(id: String(parts[1])) else {
            return nil
        }
        let state = RecordFormState(values: typed, version: resume.form["version"], loaded: resume.form["loaded"])
        return try await showEditForm(
            record.id,
            title: record.displayValues["title"]?.textValue ?? "",
            state,
            user: user,
            notice: notice
        )
    }

    @Sendable func editRecordPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let record = try await loadState(context)
        let view = RecordView(record)
        if view.deleted { return try await showRecord(record, user: user, notice: WebNotice.warn("This record is deleted, so it cannot be edited.")) }
        let state = RecordFormState(
            values: formValues(view.fields),
            version: view.version.description,
            loaded: Self.json(view.fields)
        )
        let notice: HTML? =
            view.isConflicted
            ? WebNotice.warn(
                "This record has conflicting values. Saving a field here settles that field with the value you save; the others stay in conflict until resolved."
            )
            : nil
        return try await showEditForm(record.id, title: view.fields["title"]?.textValue ?? "", state, user: user, notice: notice)
    }

    private func showEditForm(
        _ id: String,
        title: String,
        _ state: RecordFormState,
        user: WebUser,
        notice: HTML? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await render(
            "Edit \(title)",
            user: user,
            section: .records,
            status: status,
            notice: notice,
            body: """
                <p><a href="/records/\(id)">← Back to the record</a></p>
                <h1>Edit “\(title)”</h1>
                \(recordForm(action: "/records/\(id)", state: state, user: user, submit: "Save changes", cancel: "/records/\(id)"))
                """
        )
    }

    /// Saves what changed since the form was loaded, against the version it was loaded with:
    /// a save over a stale page becomes a conflict, never a silent overwrite.
    @Sendable func updateRecord(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: recordFormFields.adding(WebFormFields(["version", "loaded"])))
        let record = try await loadState(context)
        let read = try VersionToken(decoding: form["version"] ?? "")
        let loaded = Self.decodeLoaded(form["loaded"]) ?? record.displayValues
        let untouched = untouchedValues(loaded)
        let (typed, values, errors) = readRecordForm(form)
        var state = RecordFormState(values: typed, errors: errors, version: form["version"], loaded: form["loaded"])
        let title = record.displayValues["title"]?.textValue ?? ""
        guard errors.isEmpty else { return try await showEditForm(record.id, title: title, state, user: user, status: .badRequest) }
        let changed = values.filter { $0.value != (untouched[$0.key] ?? loaded[$0.key] ?? .null) }
        guard !changed.isEmpty else { return .seeOther("/records/\(record.id)?done=nochange") }
        do {
            let saved = try await store.edit(id: record.id, changed, readContext: read.context, author: user.name)
            guard saved.changed else { return .seeOther("/records/\(record.id)?done=nochange") }
            let conflict = changed.keys.contains { saved.state.isConflicted($0) }
            return .seeOther("/records/\(record.id)?done=\(conflict ? "conflict" : "saved")")
        } catch let error as ValidationError {
            state.errors = fieldErrors(error)
            return try await showEditForm(record.id, title: title, state, user: user, status: .badRequest)
        } catch let error as StoreError where error.code == .refused {
            state.problem =
                "This record was deleted after you opened the form, so your changes were not saved. Restore it from the record page first."
            return try await showEditForm(record.id, title: title, state, user: user, status: .conflict)
        } catch {
            guard let unavailable = WebUnavailable(error) else { throw error }
            state.problem = unavailable.notice
            return try await showEditForm(record.id, title: title, state, user: user, status: .serviceUnavailable)
        }
    }

    @Sendable func deletePage(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let record = try await loadState(context)
        let title = record.displayValues["title"]?.textValue ?? ""
        if record.isDeleted { return .seeOther("/records/\(record.id)") }
        if record.isConflicted(deletedField) { return .seeOther("/records/\(record.id)#c-\(deletedField)") }
        return try await render(
            "Delete \(title)",
            user: user,
            section: .records,
            body: """
                <p><a href="/records/\(record.id)">← Back to the record</a></p>
                <div class="card stack">
                <h1>Delete “\(title)”?</h1>
                <p>The record disappears from the lists at every office after their next sync. If someone at another office
                edits it at the same time, it shows as a conflict there instead, to be kept deleted or restored.</p>
                <p>You can undo it: the deleted record stays listed under <em>Deleted records</em>, and its page has a
                <strong>Restore</strong> button.</p>
                <form method="post" action="/records/\(record.id)/delete" class="actions">
                <input type="hidden" name="csrf" value="\(user.session.csrf)">
                <input type="hidden" name="version" value="\(record.version.description)">
                <button type="submit" class="danger">Yes, delete this record</button>
                <a class="button secondary" href="/records/\(record.id)">No, keep it</a>
                </form></div>
                """
        )
    }

    @Sendable func deleteRecord(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: WebFormFields(["version"]))
        let record = try await loadState(context)
        let read = try VersionToken(decoding: form["version"] ?? "")
        let saved: RecordState
        do {
            saved = try await store.delete(id: record.id, readContext: read.context, author: user.name)
        } catch let error as StoreError where error.code == .refused {
            let current = try await loadState(context)
            let why =
                current.isConflicted(deletedField)
                ? "This record was deleted at one office and edited at another, so nothing was deleted: look at the edit below, then choose Keep deleted or Restore."
                : "This record was already deleted (here, or at another office and brought by a sync), so nothing was changed."
            return try await showRecord(current, user: user, notice: WebNotice.warn(why), status: .conflict)
        }
        return saved.isConflicted(deletedField) ? .seeOther("/records/\(record.id)?done=conflict") : .seeOther("/records?done=deleted")
    }

    /// Settles the fields the officer chose, against the whole current version; refused with a
    /// fresh page when the record changed since the page was loaded.
    @Sendable func resolveRecord(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let record = try await loadState(context)
        let form = try context.form(taking: resolveFormFields(record))
        func changedSinceOpened() async throws -> Response {
            try await showRecord(
                try await loadState(context),
                user: user,
                notice: WebNotice.warn(
                    "The record changed since you opened it (another save or a sync), so nothing was saved. Check the values below and choose again."
                ),
                status: .conflict
            )
        }
        guard form["version"] == record.version.description else { return try await changedSinceOpened() }
        guard !record.conflictedFields.isEmpty else {
            let advice = record.isDeleted ? " To bring this deleted record back, press Restore on its page." : ""
            return try await showRecord(
                record,
                user: user,
                notice: WebNotice.error("This record has no conflicts to resolve, so nothing was saved.\(advice)"),
                status: .badRequest
            )
        }
        var values: [String: FieldValue] = [:]
        var problems: [String] = []
        // A choice is one of the values the page offers, spelled as it spells them; anything
        // else (`pick.deleted=yes`, `pick.status=v+0`) is refused, never read as a choice.
        for name in record.conflictedFields {
            guard let pick = form["pick.\(name)"], !pick.isEmpty else { continue }
            let entries = record.entries(of: name)
            if name == deletedField {
                guard pick == "true" || pick == "false" else {
                    problems.append(
                        "Deleted at one office, edited at another: \"\(pick.prefix(60))\" is not a choice here; choose Keep deleted or Restore."
                    )
                    continue
                }
                values[name] = .bool(pick == "true")
            } else if pick == "new", let field = schema.field(name) {
                let text = submittedText(field, form.all("new.\(name)"))
                do { values[name] = try schema.parse(field: name, text: text) } catch { problems.append(message(error, field: name)) }
            } else if let index = entries.indices.first(where: { pick == "v\($0)" }) {
                values[name] = entries[index].value
            } else {
                problems.append("\(schema.field(name)?.label ?? name): \"\(pick.prefix(60))\" is not a choice here; choose one of the values shown.")
            }
        }
        if values.isEmpty && problems.isEmpty { problems.append("Choose a value for at least one field, then save.") }
        // A resolution writes `deleted`: saved without the choice, it would restore the record
        // (as `liaison resolve` does) without anyone having chosen to.
        if !values.isEmpty, values[deletedField] == nil, record.conflictedFields.contains(deletedField),
            form["pick.\(deletedField)"]?.isEmpty ?? true
        {
            problems.append("Deleted at one office, edited at another: choose Keep deleted or Restore as well, then save.")
        }
        guard problems.isEmpty else {
            return try await showRecord(
                record,
                user: user,
                notice: nil,
                status: .badRequest,
                resolveError: problems.joined(separator: " ")
            )
        }
        do {
            // Checked again in the write: a sync may land between reading the record and saving.
            _ = try await store.resolve(id: record.id, values, version: record.context, author: user.name)
        } catch let error as StoreError where error.code == .refused {
            return try await changedSinceOpened()
        } catch let error as ValidationError {
            return try await showRecord(
                record,
                user: user,
                notice: nil,
                status: .badRequest,
                resolveError: error.issues.map { "\(schema.field($0.field)?.label ?? $0.field) \($0.message)." }.joined(separator: " ")
            )
        }
        return .seeOther("/records/\(record.id)?done=resolved")
    }
}
