public import Foundation
import LiaisonCore
public import LiaisonStore

extension NodeConfig {
    /// The settings in force: the data directory's config file, then `LIAISON_*` environment
    /// variables, then the command-line flags that were given (`(key, flag, value)`).
    public static func resolve(
        directory: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: [(key: String, flag: String, value: String?)]
    ) throws -> NodeConfig {
        var config = try load(directory: directory)
        try config.applyEnvironment(environment)
        for (key, flag, value) in flags {
            if let value { try config.set(key, to: value, place: flag) }
        }
        return config
    }

    /// Makes the file's peers the store's configured peers, so `liaison peers` shows them too:
    /// each is added or updated, and one that an earlier file listed but this one does not is
    /// removed. Peers added with `liaison peer add` stay.
    /// - Returns: the names of the peers removed.
    /// - Throws: ``ConfigError`` naming a peer that `liaison peer add` would refuse (a URL that
    ///   is not http(s) or holds a password, a token file that holds no token); nothing changes.
    @discardableResult
    public func registerPeers(in store: LiaisonStore) async throws -> [String] {
        for peer in peers {
            if let problem = PeerRecord.problem(name: peer.name, url: peer.url, tokenFile: peer.tokenFile) {
                throw ConfigError(place: "\(Self.fileName) [peer.\(TerminalText.line(peer.name))]", problem: problem)
            }
        }
        return try await store.replaceConfiguredPeers(
            with: peers.map { PeerRecord(name: $0.name, url: $0.url, tokenFile: $0.tokenFile) },
            now: Timestamp.millis()
        )
    }
}
