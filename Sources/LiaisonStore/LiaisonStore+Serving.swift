public import Foundation

/// A data directory held by one serving node (``LiaisonStore/claimForServing(directory:)``),
/// for as long as this object lives.
public final class ServingClaim: Sendable {
    private let lock: FileLock

    fileprivate init(lock: FileLock) { self.lock = lock }
}

extension LiaisonStore {
    /// Claims the data directory for one `liaison serve`: two nodes on one store would run two
    /// sync schedulers against it and answer for one replica from two addresses. The claim is a
    /// lock on `liaison.sqlite.serve`, dropped by the kernel when the process ends, however it ends.
    /// - Throws: ``StoreError`` `.refused` when another process serves the directory.
    public static func claimForServing(directory: URL) throws -> ServingClaim {
        let file = directory.appendingPathComponent(fileName + ".serve")
        guard let lock = try FileLock.take(file) else {
            throw StoreError(.refused, "another liaison serve is already serving \(directory.path); stop it first, or give this one another --data")
        }
        return ServingClaim(lock: lock)
    }
}
