import Foundation
public import Hummingbird

extension Parameters {
    /// The path parameter `name` percent-decoded, as clients encode it (`asha%40state.gov` is
    /// `asha@state.gov`; Hummingbird gives the segment as sent), or `""` when absent. A segment
    /// that is not valid percent-encoding is given as sent.
    public func decoded(_ name: String) -> String {
        guard let raw = get(name) else { return "" }
        return raw.removingPercentEncoding ?? raw
    }
}
