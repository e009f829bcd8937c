import CSodium
import Dispatch
import Foundation
import Synchronization

/// Password hashing with Argon2id from libsodium (`crypto_pwhash_str`): slow, salted, and
/// self-describing. A hash reads `$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>`, so the
/// parameters can change later: older hashes still verify and are rehashed at the next
/// successful sign-in (``needsRehash(_:)``).
///
/// ```swift
/// let hash = try await PasswordHash.make("correct horse battery")
/// await PasswordHash.verify("correct horse battery", against: hash)  // true
/// ```
public enum PasswordHash {
    /// The shortest password accepted, in characters. The only other rule: not only white space.
    public static let minimumLength = 12
    /// The longest password accepted, in bytes (bounds the work of one sign-in).
    public static let maximumBytes = 1024

    private static let ready: Bool = sodium_init() >= 0
    private static let opsLimit = UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE)
    private static let memLimit = Int(crypto_pwhash_MEMLIMIT_INTERACTIVE)

    /// Why `password` cannot be a password, or `nil` when it can: it needs ``minimumLength``
    /// characters, not all of them white space (spaces, tabs, line breaks), and at most
    /// ``maximumBytes`` bytes.
    public static func problem(with password: String) -> String? {
        if password.allSatisfy(\.isWhitespace) { return "a password cannot be blank or only spaces (or other white space)" }
        if password.count < minimumLength { return "a password needs at least \(minimumLength) characters" }
        if password.utf8.count > maximumBytes { return "a password may have at most \(maximumBytes) bytes" }
        return nil
    }

    /// The Argon2id hash string of `password`, computed off Swift's cooperative threads.
    /// - Throws: ``StoreError`` `.invalid` for a password ``problem(with:)`` refuses.
    public static func make(_ password: String) async throws -> String {
        if let problem = problem(with: password) { throw StoreError(.invalid, problem) }
        guard let hash = await offPool({ hash(password) }) else {
            throw StoreError(.invalid, "the password could not be hashed (out of memory?)")
        }
        return hash
    }

    /// A hash of a random password nobody knows: checked for unknown user names, so that a
    /// sign-in takes as long whether the name exists or not.
    static let decoy: String = hash(temporaryPassword()) ?? ""

    private static func hash(_ password: String) -> String? {
        guard ready else { return nil }
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let bytes = Array(password.utf8).map { CChar(bitPattern: $0) }
        let result = bytes.withUnsafeBufferPointer { input in
            crypto_pwhash_str(&out, input.baseAddress!, UInt64(input.count), opsLimit, memLimit)
        }
        guard result == 0 else { return nil }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches `hash` (in time that does not depend on how close it came).
    public static func verify(_ password: String, against hash: String) async -> Bool {
        guard !password.isEmpty, password.utf8.count <= maximumBytes, hash.utf8.count < Int(crypto_pwhash_STRBYTES)
        else { return false }
        return await offPool {
            guard ready else { return false }
            let bytes = Array(password.utf8).map { CChar(bitPattern: $0) }
            return bytes.withUnsafeBufferPointer { input in
                crypto_pwhash_str_verify(hash, input.baseAddress!, UInt64(input.count)) == 0
            }
        }
    }

    /// Whether `hash` was made with other parameters than today's (then it is made again).
    public static func needsRehash(_ hash: String) -> Bool {
        guard ready else { return false }
        return crypto_pwhash_str_needs_rehash(hash, opsLimit, memLimit) != 0
    }

    /// A random password of 20 letters and digits (about 119 bits), for first sign-ins and resets.
    public static func temporaryPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Serial queues of their own for hashing, one a core. On Linux `DispatchQueue.global()` is
    /// the pool Swift's tasks run on (one thread a core): hashes sent there at once, as a burst of
    /// sign-ins sends them, took every thread of it, and every other request of the node waited
    /// for them. A serial queue runs on a thread outside that pool, so the node's other work
    /// shares the cores with the hashing instead of queueing behind it.
    private static let lanes = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount)).map {
        DispatchQueue(label: "liaison.password-hashing-\($0)")
    }
    private static let nextLane = Atomic<Int>(0)

    /// Runs blocking C work on the next of ``lanes``, not on Swift's cooperative pool.
    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        let lane = lanes[nextLane.add(1, ordering: .relaxed).oldValue % lanes.count]
        return await withCheckedContinuation { continuation in
            lane.async { continuation.resume(returning: work()) }
        }
    }
}
