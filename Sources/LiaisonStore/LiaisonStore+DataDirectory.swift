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
        let directory = self.file.deletingLastPathComponent()
        let names = [file.resolvedPath(followingItself: false), file.resolvedPath()]
        guard names.allSatisfy({ $0 != directory.resolvedPath() && !directory.holds($0) }) else {
            throw StoreError(.invalid, "\(file.path) is inside the data directory \(directory.resolvedPath()): \(advice)")
        }
    }
}
