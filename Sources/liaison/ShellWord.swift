import Foundation

/// Words of a command printed for people to paste into a POSIX shell.
enum ShellWord {
    /// `text` as one shell word: as it is when it holds only characters no shell reads
    /// specially, else in single quotes (a quote in it as `'\''`).
    static func quoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { Self.plain.contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:,@%=".unicodeScalars)
}
