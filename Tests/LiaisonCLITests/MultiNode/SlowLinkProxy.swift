import Foundation

/// A link too slow to carry a large page within the sync timeout, for a fault loopback cannot
/// show: it passes every request to a real node and its answer back, but holds, unanswered, each
/// `GET /v1/sync/changes` that asks for pages of more than `carries` bytes (`max_bytes`), as a page
/// that never arrives in time. Runs as a small python3 process on a free loopback port.
final class SlowLinkProxy: Sendable {
    private let script: LoopbackScript

    /// The port it listens on.
    var port: Int { script.port }

    /// A proxy in front of the node at `port` on loopback.
    init(to port: Int, carries bytes: Int) throws {
        let script = """
            import http.client, http.server, sys, time, urllib.parse
            target, carries = int(sys.argv[1]), int(sys.argv[2])
            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def log_message(self, *args): pass
                def relay(self):
                    url = urllib.parse.urlsplit(self.path)
                    asked = urllib.parse.parse_qs(url.query).get("max_bytes", [None])[0]
                    if self.command == "GET" and url.path == "/v1/sync/changes" and (asked is None or int(asked) > carries):
                        time.sleep(3600)
                    length = int(self.headers.get("Content-Length") or 0)
                    body = self.rfile.read(length) if length else None
                    node = http.client.HTTPConnection("127.0.0.1", target)
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                    node.request(self.command, self.path, body=body, headers=headers)
                    answer = node.getresponse()
                    data = answer.read()
                    self.send_response(answer.status)
                    for k, v in answer.getheaders():
                        if k.lower() not in ("transfer-encoding", "content-length", "connection"):
                            self.send_header(k, v)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    node.close()
                do_GET = do_POST = do_PUT = do_DELETE = relay
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            server.daemon_threads = True
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        self.script = try LoopbackScript(script, arguments: [String(port), String(bytes)], name: "slow link proxy")
    }

    /// Stops it with SIGKILL.
    func stop() { script.stop() }
}
