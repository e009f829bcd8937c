public import Foundation

extension LiaisonStore {
    /// Throws unless `file` is outside the data directory: a file a command writes there (a
    /// backup, an export, a report) could replace the store, its log, its lock files or
    /// `liaison.conf`. Symbolic links in `file`'s path, and `file` itself when it is one, are
    /// followed, so no other name of a file in the data directory passes.
    ///
    /// ```swift
    /// try store.refuseInsideDataDirectory(file, "export to a file outside it")
    /// ```
    /// - Parameter advice: what to do instead, closing the message.
    /// - Throws: ``StoreError`` `.invalid` naming `file` and the data directory.
    public func refuseInsideDataDirectory(_ file: URL, _ advice: String) throws {
        let directory = self.file.deletingLastPathComponent().standardizedFileURL.resolvingSymlinksInPath().path
        let names = [Self.resolved(file), file.standardizedFileURL.resolvingSymlinksInPath().path]
        guard names.allSatisfy({ $0 != directory && !$0.hasPrefix(directory + "/") }) else {
            throw StoreError(.invalid, "\(file.path) is inside the data directory \(directory): \(advice)")
        }
    }

    /// `file`'s path with its directory's symbolic links and `.`/`..` resolved, so that two
    /// names of one file compare equal (whether or not the file itself exists yet).
    private static func resolved(_ file: URL) -> String {
        let absolute = file.standardizedFileURL
        return absolute.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(absolute.lastPathComponent).path
    }
}
