import Hummingbird
import LiaisonHTTP
import LiaisonReports
import LiaisonStore
import LiaisonSync

/// The handlers of the API's routes, over one node's store.
struct APIHandlers: Sendable {
    typealias Handler = @Sendable (Request, LiaisonRequestContext) async throws -> Response

    let store: LiaisonStore
    let endpoint: SyncEndpoint
    let engine: SyncEngine
    let metrics: NodeMetrics
    /// The plugins whose reports the node serves.
    let plugins: PluginRegistry
    /// Slows repeated failed sign-ins (shared with the web page's).
    var throttle = SignInThrottle()
    /// Whether session cookies are `Secure` (the node serves HTTPS).
    var secureCookies = false

    init(store: LiaisonStore, plugins: PluginRegistry, engine: SyncEngine, metrics: NodeMetrics = NodeMetrics()) {
        self.store = store
        self.plugins = plugins
        self.metrics = metrics
        self.endpoint = SyncEndpoint(store: store)
        self.engine = engine
    }

    /// The handler of `route`: the switch is exhaustive, so every route in ``APIRoute`` is served.
    func handler(for route: APIRoute) -> Handler {
        switch route {
        case .health: health
        case .node: node
        case .status: status
        case .metrics: metricsPage
        case .listRecords: listRecords
        case .createRecord: createRecord
        case .getRecord: getRecord
        case .updateRecord: updateRecord
        case .deleteRecord: deleteRecord
        case .resolveRecord: resolveRecord
        case .recordHistory: recordHistory
        case .listConflicts: listConflicts
        case .syncChanges: syncChanges
        case .pushChanges: pushChanges
        case .listPeers: listPeers
        case .syncNow: syncNow
        case .listTokens: listTokens
        case .createToken: createToken
        case .revokeToken: revokeToken
        case .listQuarantine: listQuarantine
        case .dropQuarantine: dropQuarantine
        case .dropAllQuarantine: dropAllQuarantine
        case .listReports: listReports
        case .getReport: getReport
        case .listUsers: listUsers
        case .createUser: createUser
        case .updateUser: updateUser
        case .unlockUser: unlockUser
        case .createSession: createSession
        case .updateSession: updateSession
        case .deleteSession: deleteSession
        }
    }
}

extension LiaisonRequestContext {
    /// The caller's name, recorded as the author of writes.
    var author: String { caller?.name ?? "unknown" }
}
