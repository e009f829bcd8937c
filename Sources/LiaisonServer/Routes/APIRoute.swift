public import LiaisonHTTP
import LiaisonStore

/// Every route of the HTTP API: the one list the router is built from and that
/// `docs/openapi.json` is checked against.
public enum APIRoute: String, CaseIterable, Sendable {
    case health, node, status, metrics
    case listRecords, createRecord, getRecord, updateRecord, deleteRecord, resolveRecord, recordHistory, listConflicts
    case syncChanges, pushChanges
    case listPeers, syncNow
    case listTokens, createToken, revokeToken
    case listQuarantine, dropQuarantine, dropAllQuarantine
    case listReports, getReport
    case listUsers, createUser, updateUser, unlockUser
    case createSession, updateSession, deleteSession

    /// The HTTP method.
    public var method: String {
        switch self {
        case .health, .node, .status, .metrics, .listRecords, .getRecord, .recordHistory, .listConflicts, .syncChanges, .listPeers, .listTokens:
            "GET"
        case .listReports, .getReport, .listUsers, .listQuarantine: "GET"
        case .createRecord, .resolveRecord, .pushChanges, .syncNow, .createToken, .createUser, .unlockUser, .createSession: "POST"
        case .updateRecord, .updateUser, .updateSession: "PATCH"
        case .deleteRecord, .revokeToken, .deleteSession, .dropQuarantine, .dropAllQuarantine: "DELETE"
        }
    }

    /// The path, with parameters in braces as in OpenAPI (`/v1/records/{id}`).
    public var path: String {
        switch self {
        case .health: "/v1/health"
        case .node: "/v1/node"
        case .status: "/v1/status"
        case .metrics: "/metrics"
        case .listRecords, .createRecord: "/v1/records"
        case .getRecord, .updateRecord, .deleteRecord: "/v1/records/{id}"
        case .resolveRecord: "/v1/records/{id}/resolve"
        case .recordHistory: "/v1/records/{id}/history"
        case .listConflicts: "/v1/conflicts"
        case .syncChanges, .pushChanges: "/v1/sync/changes"
        case .listPeers: "/v1/peers"
        case .syncNow: "/v1/sync"
        case .listTokens, .createToken: "/v1/tokens"
        case .revokeToken: "/v1/tokens/{name}"
        case .listQuarantine, .dropAllQuarantine: "/v1/quarantine"
        case .dropQuarantine: "/v1/quarantine/{id}"
        case .listReports: "/v1/reports"
        case .getReport: "/v1/reports/{id}"
        case .listUsers, .createUser: "/v1/users"
        case .updateUser: "/v1/users/{name}"
        case .unlockUser: "/v1/users/{name}/unlock"
        case .createSession, .updateSession, .deleteSession: "/v1/session"
        }
    }

    /// Who may call it.
    public var access: Access {
        switch self {
        case .health, .createSession, .updateSession, .deleteSession: .open
        case .node, .metrics: .anyToken
        case .status, .listRecords, .getRecord, .recordHistory, .listConflicts, .listReports, .getReport: .staff(.reader)
        case .createRecord, .updateRecord, .deleteRecord, .resolveRecord: .staff(.editor)
        case .listPeers, .syncNow, .listTokens, .createToken, .revokeToken: .staff(.admin)
        case .listUsers, .createUser, .updateUser, .unlockUser: .staff(.admin)
        case .listQuarantine, .dropQuarantine, .dropAllQuarantine: .staff(.admin)
        case .syncChanges, .pushChanges: .sync
        }
    }
}
