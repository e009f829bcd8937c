import Foundation

/// Wall-clock timing for benchmarks.
enum Timing {
    /// Seconds taken by `body`, with its result.
    static func measure<T>(_ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, result)
    }

    /// Seconds taken by an async `body`, with its result.
    static func measure<T>(_ body: () async throws -> T) async rethrows -> (seconds: Double, result: T) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try await body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, result)
    }

    /// The median of some durations.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The value below which a fraction `p` of `values` lie (nearest rank; `p` = 0.5 is the median's
    /// upper neighbour for an even count).
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[max(0, min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
    }

    /// `123.4 ms`.
    static func ms(_ seconds: Double) -> String { String(format: "%8.1f ms", seconds * 1000) }
}
