public import Hummingbird

extension Request {
    /// The whole body, up to the API's limit (413 past it).
    public func collectBody() async throws -> [UInt8] {
        let buffer = try await body.collect(upTo: APILimits.maxBodyBytes)
        return Array(buffer.readableBytesView)
    }
}
