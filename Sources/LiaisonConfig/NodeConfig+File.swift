public import Foundation

/// A config file, environment variable or flag that is wrong: names the place, the key and the problem.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `liaison.conf line 7`, `LIAISON_PORT`, `--port`.
    public let place: String
    /// What is wrong.
    public let problem: String

    /// An error at `place` (a file line, a variable, a flag or a key) saying `problem`.
    public init(place: String, problem: String) {
        self.place = place
        self.problem = problem
    }

    public var description: String { "\(place): \(problem)" }
}

extension NodeConfig {
    /// Reads `<directory>/liaison.conf` when it exists (defaults otherwise).
    /// - Throws: ``ConfigError`` for a file that is there but cannot be read or is not UTF-8:
    ///   running on defaults would drop its TLS and its peers without a word.
    public static func load(directory: URL) throws -> NodeConfig {
        let file = directory.appendingPathComponent(fileName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) else { return NodeConfig() }
        let place = file.path
        guard !isDirectory.boolValue else { throw ConfigError(place: place, problem: "is a directory, not a config file") }
        guard FileManager.default.isReadableFile(atPath: file.path), let bytes = try? Data(contentsOf: file) else {
            throw ConfigError(place: place, problem: "cannot be read (permissions?)")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw ConfigError(place: place, problem: "is not UTF-8 text; save it as UTF-8")
        }
        var config = try NodeConfig(parsing: text, fileName: fileName)
        config.readFilesRelative(to: directory)
        return config
    }

    /// Parses the text of a config file: `[section]` lines and `key = value` lines, with `#`
    /// comments; strings may be quoted. A key given twice in a section is refused, naming both
    /// lines: the file would otherwise mean its last, which whoever edits the first never sees.
    public init(parsing text: String, fileName: String = NodeConfig.fileName) throws {
        self.init()
        var section = ""
        var lineOfKey: [String: Int] = [:]  // `section.key` → the line that gave it
        var peers: [String: [String: String]] = [:]
        var peerOrder: [String] = []
        // Lines end in LF, CRLF (a file saved on Windows) or CR, and in nothing else: a file
        // split at U+2028 too read `port = 1<U+2028>host = 0.0.0.0`, one line in some editors,
        // as two settings.
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { "\n\r\r\n".contains($0) }).enumerated() {
            let place = "\(fileName) line \(index + 1)"
            if let odd = rawLine.unicodeScalars.first(where: { [0x0B, 0x0C, 0x85, 0x2028, 0x2029].contains($0.value) }) {
                throw ConfigError(
                    place: place,
                    problem:
                        "holds U+\(String(format: "%04X", odd.value)), which some editors show as a line break and others do not: put each setting on a line of its own"
                )
            }
            let line = Self.stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw ConfigError(place: place, problem: "unclosed section header") }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                if section.hasPrefix("peer.") {
                    let name = String(section.dropFirst(5))
                    guard !name.isEmpty, peers[name] == nil else {
                        throw ConfigError(place: place, problem: "peer section [\(section)] is empty or repeated")
                    }
                    peers[name] = [:]
                    peerOrder.append(name)
                } else if !["server", "sync", "log"].contains(section) {
                    throw ConfigError(place: place, problem: "unknown section [\(section)]; sections: [server], [sync], [log], [peer.NAME]")
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigError(place: place, problem: "expected key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            try Self.checkName(key, section: section, place: place)
            let value = try Self.unquote(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces), place: place)
            if let first = lineOfKey.updateValue(index + 1, forKey: "\(section).\(key)") {
                throw ConfigError(
                    place: place,
                    problem: "\(key) is given twice in [\(section)], on lines \(first) and \(index + 1); keep one"
                )
            }
            if section.hasPrefix("peer.") {
                guard ["url", "token_file"].contains(key) else {
                    throw ConfigError(place: place, problem: "unknown key \"\(key)\" in [\(section)]; keys: url, token_file")
                }
                peers[String(section.dropFirst(5))]![key] = value
            } else {
                try set("\(section).\(key)", to: value, place: place)
            }
        }
        self.peers = try peerOrder.map { name in
            guard let url = peers[name]!["url"], let tokenFile = peers[name]!["token_file"] else {
                throw ConfigError(place: "\(fileName) [peer.\(name)]", problem: "needs both url and token_file")
            }
            return Peer(name: name, url: url, tokenFile: tokenFile)
        }
    }

    /// Refuses a key with no name (`= 5`) or written with its section (`sync.interval` under
    /// `[server]` was read as `interval`, and the error named a key nobody wrote).
    private static func checkName(_ key: String, section: String, place: String) throws {
        guard !key.isEmpty else { throw ConfigError(place: place, problem: "a setting needs a name before \"=\"") }
        guard key.contains(".") else { return }
        if Self.keys.contains(where: { $0.key == key }), let dot = key.firstIndex(of: ".") {
            let owner = key[..<dot]
            throw ConfigError(
                place: place,
                problem: "write \"\(key[key.index(after: dot)...]) = …\" under [\(owner)], not \"\(key)\"\(section.isEmpty ? "" : " in [\(section)]")"
            )
        }
        throw ConfigError(place: place, problem: "unknown key \"\(key)\": a key holds no dot")
    }

    private static func stripComment(_ line: String) -> String {
        var inQuotes = false
        for (offset, character) in line.enumerated() {
            if character == "\"" { inQuotes.toggle() }
            if character == "#" && !inQuotes { return String(line.prefix(offset)) }
        }
        return line
    }

    private static func unquote(_ value: String, place: String) throws -> String {
        guard value.hasPrefix("\"") else { return value }
        guard value.count >= 2, value.hasSuffix("\"") else {
            throw ConfigError(place: place, problem: "unclosed quote in \(value)")
        }
        return String(value.dropFirst().dropLast())
    }
}
