import Foundation
import LiaisonCore
import LiaisonStore

extension NodeConfig {
    /// The settings in force: the data directory's config file, then `LIAISON_*` environment
    /// variables, then the command-line flags that were given (`(key, flag, value)`).
    public static func resolve(
        directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: [(key: String, flag: String, value: String?)]
    ) throws -> NodeConfig {
        var config = try load(directory: directory)
        try config.applyEnvironment(environment)
        for (key, flag, value) in flags {
            if let value { try config.set(key, to: value, place: flag) }
        }
        return config
    }

    /// Adds (or updates) the file's peers in the store, so `liaison peers` shows them too.
    public func registerPeers(in store: LiaisonStore) async throws {
        for peer in peers {
            try await store.addPeer(PeerRecord(name: peer.name, url: peer.url, tokenFile: peer.tokenFile), now: Timestamp.millis())
        }
    }
}
