import Foundation
import GRDB

/// A fresh node (`liaison init`, then `liaison serve`) has no account, so nobody can sign in to
/// its page: the serve log and the sign-in page say how to make the first admin.
extension LiaisonStore {
    /// The command that makes the first admin of this store, run on the server, while the store
    /// has no account; `nil` once any account exists.
    ///
    /// ```swift
    /// try await store.firstAdminCommand()  // "liaison user add NAME --role admin --data /srv/liaison"
    /// ```
    public func firstAdminCommand() async throws -> String? {
        let none = try await database.read { db in try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM account)") ?? true }
        guard none else { return nil }
        return "liaison user add NAME --role admin --data \(Self.shellWord(file.deletingLastPathComponent().standardizedFileURL.path))"
    }

    /// `text` as one shell word: as it is when it holds only safe characters, else in single quotes.
    private static func shellWord(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+:@%".contains($0)) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
