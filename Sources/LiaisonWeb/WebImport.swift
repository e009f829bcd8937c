import Foundation
import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// `GET/POST /import`: a spreadsheet in through the page: choose the file, see the first rows
/// and every problem (nothing is written), then confirm. The same rules as `liaison import`.
/// The import answers 303 to the records saying what it did, so reloading does not import again.
extension WebRoutes {
    /// Rows shown in the preview.
    static let importPreviewRows = 10

    /// Problems a refused file's page lists, at most.
    static let importProblemsShown = 200

    /// The largest file the page sends (about 11 MB): a form carries the file's bytes in base64,
    /// a third larger and more again once form-encoded, within the API's body limit. The page's
    /// script refuses a larger file when it is chosen, naming both sizes.
    static let importMaxFileBytes = APILimits.maxBodyBytes / 3 * 2

    /// A map entry as the page's box takes it, for problems and advice: `the line “Deal
    /// name=title” in Columns to map`.
    static let mapBox = ImportPlan.MapWording(before: "the line “", after: "” in Columns to map")

    @Sendable func importPage(_ request: Request, _ context: WebContext) async throws -> Response {
        try await showImport(user: context.user, csv: "", name: "", map: "", dates: "")
    }

    /// Previews (checks every row and writes nothing), or with `confirm=1` imports.
    @Sendable func importFile(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: WebFormFields(["name", "csv", "csv_bytes", "map", "dates", "confirm", "again"]))
        let name = form.text("name") ?? "spreadsheet.csv"
        let mapText = form["map"] ?? ""
        // The order of slash dates, when chosen (`day-first`, `month-first`; empty: the file's).
        let datesText = form.text("dates") ?? ""
        // A chosen file comes as its bytes (`csv_bytes`, base64): a browser sends a text box's
        // line breaks as CRLF, which would rewrite every value with a line break in it.
        var csv = form["csv"] ?? ""
        var unreadable: String?
        if let encoded = form.text("csv_bytes") {
            if let bytes = Data(base64Encoded: encoded) {
                do { csv = try CSVFileText.decode(bytes) } catch { unreadable = "\(name): \(error)" }
            } else {
                unreadable = "\(name) did not arrive whole; choose it again."
            }
        }
        func again(_ notice: HTML, status: HTTPResponse.Status = .badRequest, preview: HTML = .empty) async throws -> Response {
            try await showImport(user: user, csv: csv, name: name, map: mapText, dates: datesText, notice: notice, status: status, preview: preview)
        }
        if let unreadable { return try await again(WebNotice.error(unreadable)) }
        // The confirming form carries the text as UTF-8, which a file of Unicode Text or of
        // Windows-1252 accents outgrows: within the limit when chosen, its confirm was refused
        // as a body over the API's limit, after a preview that said every row was good.
        let size = csv.utf8.count
        if size > Self.importMaxFileBytes {
            csv = ""  // not sent back in the page either
            return try await again(
                WebNotice.error(
                    "\(name) is \(size) bytes as UTF-8 text, more than the page can carry (\(Self.importMaxFileBytes)): split it into smaller files, or import it with liaison import on the node."
                )
            )
        }
        guard !csv.allSatisfy(\.isWhitespace) else { return try await again(WebNotice.error("Choose a CSV file, or paste its text.")) }
        let map: [String: String]
        do {
            map = try ImportPlan.columnMap(mapText.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }.map(String.init))
        } catch {
            return try await again(WebNotice.error(WebFormat.sentence(error.description(naming: Self.mapBox.callAsFunction)) + "."))
        }
        let dates = DateOrder(rawValue: datesText)
        if dates == nil, !datesText.isEmpty {
            return try await again(WebNotice.error("Slash dates are day-first or month-first, not “\(datesText)”."))
        }
        let table: CSVTable
        do { table = try CSVReader.read(csv) } catch { return try await again(WebNotice.error("\(name), \(error)")) }
        let plan = ImportPlan(table: table, schema: schema, map: map, dates: dates, wording: Self.mapBox)
        let confirm = form["confirm"] == "1"
        let preview = importPreview(table, plan)
        do {
            let summary = try await store.importRecords(
                plan,
                hash: LiaisonStore.importHash(of: csv),
                fileName: name,
                author: user.name,
                dryRun: !confirm,
                again: form["again"] == "1"
            )
            if confirm { return .seeOther("/records?" + WebNotice.importedQuery(summary)) }
            let confirmForm = importForm(
                user: user,
                csv: csv,
                name: name,
                map: mapText,
                dates: datesText,
                hidden: true,
                again: form["again"] == "1",
                submit: "Import \(Wording.counted(summary.created + summary.updated, "record"))",
                confirm: true
            )
            return try await showImport(
                user: user,
                csv: csv,
                name: name,
                map: mapText,
                dates: datesText,
                notice: WebNotice.ok(
                    "Every row is good: importing \(name) will create \(Wording.counted(summary.created, "record")), update \(summary.updated) and leave \(summary.unchanged) unchanged. Nothing is written until you confirm."
                ),
                status: .ok,
                preview: HTML.join([importUpdates(summary.updates), preview, confirmForm])
            )
        } catch let error as ImportError {
            // The first problems, and how many more: a file of a million bad rows made a page of
            // 187 MB (and a gigabyte of the node's memory to make it).
            let shown = Self.importProblemsShown
            var items = error.problems.prefix(shown).map { problem -> HTML in "<li>\(problem.description)</li>" }
            if error.problems.count > shown {
                items.append("<li>… and \(error.problems.count - shown) more; `liaison import` on the node lists every one</li>")
            }
            return try await again(
                WebNotice.error("\(name): \(error). Fix these in the spreadsheet and choose it again."),
                preview: HTML.join(["<h2>Problems</h2><ul class=\"problems\">\(items)</ul>", preview])
            )
        } catch let error as StoreError where error.code == .refused {
            let confirmForm = importForm(
                user: user,
                csv: csv,
                name: name,
                map: mapText,
                dates: datesText,
                hidden: true,
                again: true,
                submit: "Import it again anyway",
                confirm: true
            )
            return try await again(
                WebNotice.warn(error.message.replacingOccurrences(of: "give --again", with: "confirm below")),
                status: .conflict,
                preview: HTML.join([preview, confirmForm])
            )
        }
    }

    private func showImport(
        user: WebUser,
        csv: String,
        name: String,
        map: String,
        dates: String,
        notice: HTML? = nil,
        status: HTTPResponse.Status = .ok,
        preview: HTML = .empty
    ) async throws -> Response {
        try await render(
            "Import",
            user: user,
            section: .records,
            status: status,
            notice: notice,
            body: """
                <p><a href="/records">← All records</a></p>
                <h1>Import a spreadsheet</h1>
                <p>Save the spreadsheet as <strong>CSV UTF-8</strong> (or <strong>Unicode Text</strong>). Columns name fields (<code>title</code>, <code>status</code>,
                <code>value_usd</code>, <code>critical_minerals.mineral</code>; case and spaces do not matter); a column with an
                <code>id</code> updates that record. Every row is checked first, and nothing is written until you confirm.</p>
                \(preview)
                \(importForm(user: user, csv: csv, name: name, map: map, dates: dates, hidden: false, again: false, submit: "Check the file", confirm: false))
                """
        )
    }

    /// The upload form (a file chooser filling the text box, which can also be pasted into, and
    /// the file's bytes), or the same file again, hidden, to confirm.
    private func importForm(
        user: WebUser,
        csv: String,
        name: String,
        map: String,
        dates: String,
        hidden: Bool,
        again: Bool,
        submit: String,
        confirm: Bool
    ) -> HTML {
        // The text as the file's bytes, sent back as they are (see ``importFile``); the page's
        // script empties it when the text box is edited, and fills it when a file is chosen.
        let bytes = csv.isEmpty ? "" : Data(csv.utf8).base64EncodedString()
        let fields: HTML =
            hidden
            ? """
            <input type="hidden" name="csv_bytes" value="\(bytes)"><input type="hidden" name="name" value="\(name)">
            <textarea name="map" hidden>\(map)</textarea><input type="hidden" name="dates" value="\(dates)">
            """
            : """
            <div><label for="file">CSV or Unicode Text file</label><input type="file" id="file" accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values" data-csv-into="csv"
            data-max-bytes="\(Self.importMaxFileBytes)"></div>
            <p class="notice error wide" id="file-problem" role="alert" hidden></p>
            <input type="hidden" id="name" name="name" value="\(name)">
            <input type="hidden" id="csv_bytes" name="csv_bytes" value="\(bytes)">
            <div class="wide"><label for="csv">Or paste the CSV</label>
            <textarea id="csv" name="csv" rows="8" spellcheck="false">\(csv)</textarea></div>
            <div class="wide"><label for="map">Columns to map, one per line (<code>Deal name=title</code>; <code>Internal ref=</code> skips one)</label>
            <textarea id="map" name="map" rows="3" spellcheck="false">\(map)</textarea></div>
            <div><label for="dates">Slash dates (<code>04/03/2026</code>)</label><select id="dates" name="dates">\(Self.dateOrderOptions(dates))</select></div>
            """
        return """
            <form class="card filters" method="post" action="/import" aria-label="\(hidden ? "Confirm the import" : "Choose a spreadsheet")">
            <input type="hidden" name="csrf" value="\(user.session.csrf)">
            \(fields)
            \(confirm ? HTML(raw: "<input type=\"hidden\" name=\"confirm\" value=\"1\">") : .empty)
            \(again ? HTML(raw: "<input type=\"hidden\" name=\"again\" value=\"1\">") : .empty)
            <div class="actions"><button type="submit">\(submit)</button></div>
            </form>
            """
    }

    /// The choices of the order of slash dates, `selected` chosen: as the file's dates tell
    /// (empty), or one order for every date.
    private static func dateOrderOptions(_ selected: String) -> HTML {
        let choices =
            [("", "As the file's dates tell (day first when none does)")]
            + DateOrder.allCases.map { order in
                (order.rawValue, "\(WebFormat.sentence(order.description)), \(order.pattern)")
            }
        return HTML.join(
            choices.map { value, label -> HTML in "<option value=\"\(value)\"\(HTML.flag("selected", value == selected))>\(label)</option>" }
        )
    }

    /// Updates listed in the preview; more are counted.
    static let importPreviewUpdates = 100

    /// What the first updating rows would write (`update ID: status, title`), and how many more
    /// there are; nothing when no row updates.
    private func importUpdates(_ updates: [ImportUpdate]) -> HTML {
        guard !updates.isEmpty else { return .empty }
        let items = updates.prefix(Self.importPreviewUpdates).map { update -> HTML in
            "<li>row \(update.row): \(update.description)</li>"
        }
        let more = updates.count - items.count
        return HTML.join([
            "<h2>Updates</h2><ul class=\"updates\">\(items)</ul>",
            more > 0 ? "<p class=\"muted\">and \(more) more</p>" : .empty,
        ])
    }

    /// The first rows as the import reads them: each column with the field it goes to.
    private func importPreview(_ table: CSVTable, _ plan: ImportPlan) -> HTML {
        let header = zip(table.header, plan.fields).map { column, field -> HTML in
            "<th scope=\"col\">\(column)<br><span class=\"muted\">\(field ?? "(skipped)")</span></th>"
        }
        let rows = table.rows.prefix(Self.importPreviewRows).map { row -> HTML in
            let cells = table.header.indices.map { index -> HTML in "<td>\(index < row.values.count ? row.values[index] : "")</td>" }
            return "<tr><td class=\"num muted\">\(row.row)</td>\(cells)</tr>"
        }
        return """
            <p>\(WebFormat.sentence(plan.dates.description)).</p>
            <h2>First rows (\(min(table.rows.count, Self.importPreviewRows)) of \(table.rows.count))</h2>
            <div class="table-wrap"><table class="list"><thead><tr><th scope="col">Row</th>\(header)</tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }
}

extension WebNotice {
    /// The query that tells the records page what an import did (counts only).
    static func importedQuery(_ summary: ImportSummary) -> String {
        WebForm.query([
            ("done", "imported"), ("created", String(summary.created)), ("updated", String(summary.updated)),
            ("unchanged", String(summary.unchanged)),
        ])
    }

    /// The notice ``importedQuery(_:)`` asks for; nil for any other query.
    static func imported(_ query: WebForm) -> HTML? {
        guard query["done"] == "imported" else { return nil }
        let counts = ["created", "updated", "unchanged"].map { Int(query[$0] ?? "") ?? 0 }
        return ok("Imported: \(counts[0]) created, \(counts[1]) updated, \(counts[2]) unchanged.")
    }
}
