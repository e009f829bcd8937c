import Foundation
import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// The History section of the record page (docs/design.md §10): every write ever made to the
/// record, newest first, with old → new values, conflicts and resolutions marked, and for
/// editors a "Restore this value" button (an ordinary write).
extension WebRoutes {
    /// The most entries of the history one page shows; older ones are a link away.
    static let historyPageSize = 100

    /// The mark of a write whose time is outside the range every office accepts
    /// (``WriteMeta/isTimeOutOfRange``), beside its time in the history and in a conflict's values.
    static let clockWasWrongBadge: HTML =
        "<span class=\"badge conflict\" title=\"This time is outside \(IntakeLimits.writeTimeRange), the range every office accepts: the clock of the node that made the write was wrong, and other offices refuse it\">Clock was wrong</span>"

    /// ``clockWasWrongBadge`` after a space when `meta`'s time is out of range; else nothing.
    static func clockMark(_ meta: WriteMeta) -> HTML {
        meta.isTimeOutOfRange ? " \(clockWasWrongBadge)" : .empty
    }

    /// The timeline of `state`'s record as a card: a page of it, from the newest write or from
    /// just after `cursor`, with a link to the next one.
    func historySection(_ state: RecordState, user: WebUser, after cursor: Dot?) async throws -> HTML {
        let page = try await store.history(id: state.id, after: cursor, limit: Self.historyPageSize)
        let history = page?.entries ?? []
        // Display names are this office's accounts: they name only the writes made at this office,
        // by this node or by the node it was restored from (the same office, an earlier replica
        // id), since the account was made (a token's writes under a name an account took after
        // the token was revoked are not that person's). The same user name at another office may
        // be another person: there it stays as recorded.
        var accounts: [String: Account] = [:]
        for account in try await store.accounts() { accounts[account.name] = account }
        let office = store.identity.office
        let items = history.map { entry -> HTML in
            let event = entry.event
            let display = accounts[event.meta.author].flatMap { account in
                ReplicaID.office(of: event.dot.replica) == office && account.createdAt <= event.meta.at ? account.displayName : nil
            }
            // In <bdi>: a name holding a right-to-left mark cannot turn the rest of its line around.
            let author: HTML = "<strong><bdi>\(event.meta.author)</bdi></strong>"
            let who: HTML = display.map { "\(author) (<bdi>\($0)</bdi>)" } ?? author
            var marks: [HTML] = []
            if entry.concurrent { marks.append("<span class=\"badge conflict\">Conflict</span>") }
            if entry.isResolution { marks.append("<span class=\"badge\">Resolution</span>") }
            if event.reconstructed {
                marks.append(
                    "<span class=\"badge\" title=\"Made from the record as it stood when this office started keeping history\">Reconstructed</span>"
                )
            }
            if event.isTimeOutOfRange { marks.append(Self.clockWasWrongBadge) }
            let when: HTML = event.isTimeUnknown ? "time unknown" : "\(WebFormat.time(millis: event.meta.at))"
            let restored = entry.superseded[deletedField]?.contains(.bool(true)) ?? false
            let rows = event.values.sorted { $0.key < $1.key }.compactMap { name, value -> HTML? in
                if name == deletedField, value == .bool(false), !restored { return nil }
                let label = name == deletedField ? "Deleted" : schema.field(name)?.label ?? name
                // Only the values keep their line breaks (pre-line): the restore form's markup beside them must not.
                let old = entry.replacedValues(of: name).map {
                    "<s class=\"value\">\(WebFormat.value($0, field: name, schema: schema))</s>" as HTML
                }
                let new: HTML = "<span class=\"value\">\(WebFormat.value(value, field: name, schema: schema))</span>"
                let restore = user.canEdit ? restoreControl(name, value, of: event, in: state, for: user) : .empty
                let arrow: HTML = old.isEmpty ? .empty : "\(HTML.join(old, separator: " / ")) → "
                return "<li><strong>\(label)</strong>: \(arrow)\(new) \(restore)</li>"
            }
            return """
                <li class="event"><span class="meta">\(when): \(who) at \(WebFormat.replicaOffice(event.dot.replica))
                <span class="muted">(\(event.dot.description))</span></span> \(HTML.join(marks, separator: " "))
                <ul>\(rows)</ul></li>
                """
        }
        return """
            <section class="card" id="history" aria-labelledby="history-h"><h2 id="history-h">History</h2>
            <p class="muted">Every change made to this record at any office, newest first. Record id \(state.id).</p>
            <ol class="history">\(items)</ol>\(historyLinks(next: page?.next, paged: cursor != nil, of: state))</section>
            """
    }

    /// The write `?history=` goes on from (an "Older changes" link's), or nil for the newest changes.
    /// - Throws: ``APIError`` 400 naming a value no such link gives (`?history=bogus`, `?history=`),
    ///   as the API refuses such a `cursor`, rather than showing the newest changes as if asked for.
    static func historyPlace(_ query: WebForm) throws -> Dot? {
        guard let text = query["history"] else { return nil }
        guard let place = Dot(text) else {
            throw APIError.badRequest(
                "history must be the place of one of this page's \"Older changes\" links, got \"\(text.prefix(40))\" (leave it out for the newest changes)"
            )
        }
        return place
    }

    /// Links to the newest changes (from an older page) and to older ones than the page shows.
    private func historyLinks(next: Dot?, paged: Bool, of state: RecordState) -> HTML {
        var links: [HTML] = []
        if paged { links.append("<a href=\"/records/\(state.id)#history\">← Newest changes</a>") }
        if let next {
            let cursor = next.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            links.append("<a href=\"/records/\(state.id)?history=\(cursor)#history\">Older changes →</a>")
        }
        return links.isEmpty ? .empty : "<p class=\"actions\">\(HTML.join(links, separator: " "))</p>"
    }

    /// `POST /records/{id}/restore`: writes a field's value from an earlier write again, against
    /// the version the page showed (an ordinary write: a change made meanwhile stays as a conflict;
    /// the value the field already has, seen on the page, writes nothing and says so).
    @Sendable func restoreValue(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: WebFormFields(["version", "field", "dot"]))
        let record = try await loadState(context)
        let read = try VersionToken(decoding: form["version"] ?? "")
        let field = form["field"] ?? ""
        let events = try await store.events(id: record.id)
        guard field != deletedField, let event = events.first(where: { $0.dot.description == form["dot"] }),
            let value = event.values[field]
        else {
            throw StoreError(.notFound, "That earlier value is not in this record's history.")
        }
        let saved = try await store.edit(id: record.id, [field: value], readContext: read.context, author: user.name)
        let done = !saved.changed ? "nochange" : saved.state.isConflicted(field) ? "conflict" : "restored"
        return .seeOther("/records/\(record.id)?done=\(done)")
    }
}
