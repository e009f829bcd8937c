import Foundation
public import Hummingbird

extension Parameters {
    /// The path parameter `name` percent-decoded, as clients encode it (`asha%40state.gov` is
    /// `asha@state.gov`; Hummingbird gives the segment as sent), or `""` when absent. A segment
    /// that is not valid percent-encoding is given as sent. A NUL (`%00`) is given as U+FFFD,
    /// which no name or id holds: SQLite reads a bound text up to its first NUL, so
    /// `bob%00junk` changed bob (an admin's own role, past the rule that they may not).
    public func decoded(_ name: String) -> String {
        guard let raw = get(name) else { return "" }
        return (raw.removingPercentEncoding ?? raw).replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
    }
}
