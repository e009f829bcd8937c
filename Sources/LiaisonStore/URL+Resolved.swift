import Foundation

/// The one way this module tells whether a path is in a directory, whatever names they are
/// given by: both resolved the same way before their paths are compared.
extension URL {
    /// This file URL's absolute path with `.`, `..` and symbolic links resolved, so that two
    /// names of one file compare equal. `followingItself: false` resolves only its directory's:
    /// a symbolic link at the path stays the link (whether or not the file exists yet).
    func resolvedPath(followingItself: Bool = true) -> String {
        let absolute = standardizedFileURL
        guard !followingItself else { return absolute.resolvingSymlinksInPath().path }
        return absolute.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(absolute.lastPathComponent).path
    }

    /// Whether `path` (one ``resolvedPath(followingItself:)`` gave) names a file below this
    /// directory, itself resolved: in it or in a directory under it, never the directory itself.
    func holds(_ path: String) -> Bool {
        path.hasPrefix(resolvedPath() + "/")
    }
}
