public import Hummingbird
public import LiaisonStore
import NIOCore

/// The request context of every Liaison route, the API's and the web page's: Hummingbird's core
/// storage plus who is calling.
public struct LiaisonRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, once ``AuthMiddleware`` has checked the bearer token.
    public var caller: Caller?
    /// The client's IP address (for slowing repeated failed sign-ins), when known.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies up to the API's limit decode; larger ones get 413.
    public var maxUploadSize: Int { APILimits.maxBodyBytes }
}

/// Who made a request: the token's name (recorded as the author of writes) and role.
public struct Caller: Hashable, Sendable {
    /// The token's name.
    public let name: String
    /// The token's role.
    public let role: TokenRole

    public init(name: String, role: TokenRole) {
        self.name = name
        self.role = role
    }
}
