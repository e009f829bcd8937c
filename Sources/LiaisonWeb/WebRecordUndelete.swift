import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// The **Restore** button of a deleted record's page (editors): brings the record back, as
/// `liaison resolve ID deleted=false` does, against the version the page showed.
extension WebRoutes {
    /// The button, for a record shown as deleted.
    func undeleteControl(_ state: RecordState, for user: WebUser) -> HTML {
        """
        <form method="post" action="/records/\(state.id)/undelete" class="inline">
        <input type="hidden" name="csrf" value="\(user.session.csrf)">
        <input type="hidden" name="version" value="\(state.version.description)">
        <button type="submit">Restore</button></form>
        """
    }

    /// `POST /records/{id}/undelete`: writes `deleted = false` over every value of it the page
    /// showed; refused with a fresh page when the record changed since, or is no longer deleted.
    @Sendable func undeleteRecord(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: WebFormFields(["version"]))
        let record = try await loadState(context)
        guard record.isDeleted else {
            return try await showRecord(
                record,
                user: user,
                notice: WebNotice.info(
                    "This record is not deleted (it was restored here, or at another office and brought by a sync), so nothing was changed."
                ),
                status: .conflict
            )
        }
        let read = try VersionToken(decoding: form["version"] ?? "")
        do {
            _ = try await store.resolve(id: record.id, [deletedField: .bool(false)], version: read.context, author: user.name)
        } catch let error as StoreError where error.code == .refused {
            return try await showRecord(
                try await loadState(context),
                user: user,
                notice: WebNotice.warn(
                    "The record changed since you opened it (another save or a sync), so it was not restored. Check it below and press Restore again."
                ),
                status: .conflict
            )
        }
        return .seeOther("/records/\(record.id)?done=undeleted")
    }
}
