import Foundation

/// A peer that misbehaves on purpose, for faults a real node cannot be made to show: one that
/// answers every request with 500, or one that accepts connections and never answers.
/// Runs as a small python3 process on a free loopback port, counting requests in a file.
final class FaultPeer: Sendable {
    enum Behaviour: String {
        case error500 = "500"
        case hang
    }

    let countFile: URL
    private let script: LoopbackScript

    /// The port it listens on.
    var port: Int { script.port }

    init(_ behaviour: Behaviour, root: URL) throws {
        countFile = root.appendingPathComponent("fault-\(behaviour.rawValue)-\(UUID().uuidString).count")
        let script = """
            import socket, sys, threading
            behaviour, count_file = sys.argv[1], sys.argv[2]
            server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind(("127.0.0.1", 0)); server.listen(64)
            print(server.getsockname()[1], flush=True)
            held, count, lock = [], 0, threading.Lock()
            def serve(conn):
                global count
                data = b""
                while b"\\r\\n\\r\\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk: return
                    data += chunk
                with lock:
                    count += 1
                    open(count_file, "w").write(str(count))
                if behaviour == "hang":
                    held.append(conn); return
                body = b'{"error":"internal failure (test)"}'
                conn.sendall(b"HTTP/1.1 500 Internal Server Error\\r\\nContent-Type: application/json\\r\\nContent-Length: "
                             + str(len(body)).encode() + b"\\r\\nConnection: close\\r\\n\\r\\n" + body)
                conn.close()
            while True:
                conn, _ = server.accept()
                threading.Thread(target=serve, args=(conn,), daemon=True).start()
            """
        self.script = try LoopbackScript(script, arguments: [behaviour.rawValue, countFile.path], name: "fault peer")
    }

    /// Requests received so far.
    var requests: Int {
        Int((try? String(contentsOf: countFile, encoding: .utf8)) ?? "0") ?? 0
    }

    /// Stops it with SIGKILL.
    func stop() { script.stop() }
}
