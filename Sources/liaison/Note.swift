import Foundation

/// Prints a note for the person at the terminal on stderr, keeping stdout for the result.
func printNote(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
