import LiaisonCore
import LiaisonHTTP

/// The "Restore this value" button beside a value in the History section.
extension WebRoutes {
    /// The button that writes `value` of `field` (from `event`) again, for `user` (an editor); nothing
    /// when there is nothing to restore (an empty value, the current value, the deleted flag, a
    /// deleted record), and a reason instead of the button when the field belongs to a track
    /// the record is no longer in (the write would be refused).
    func restoreControl(_ field: String, _ value: FieldValue, of event: WriteEvent, in state: RecordState, for user: WebUser) -> HTML {
        let current = state.displayValues
        guard field != deletedField, !state.isDeleted, !value.isNull, !value.displayText.isEmpty, current[field] != value
        else { return .empty }
        if let track = schema.field(field)?.track, !(current["tracks"]?.listValue ?? []).contains(track) {
            return "<span class=\"muted\">(to restore it, first add the record to \(WebFormat.track(track, schema: schema)))</span>"
        }
        return """
            <form method="post" action="/records/\(state.id)/restore" class="inline">
            <input type="hidden" name="csrf" value="\(user.session.csrf)">
            <input type="hidden" name="version" value="\(state.version.description)">
            <input type="hidden" name="field" value="\(field)">
            <input type="hidden" name="dot" value="\(event.dot.description)">
            <button type="submit" class="small">Restore this value</button></form>
            """
    }
}
