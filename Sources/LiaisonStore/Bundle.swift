public import Foundation
public import LiaisonCore

/// A bundle of record states exported by one node for another: the same states HTTP sync
/// moves, on a USB stick or through a mail attachment.
///
/// ```json
/// {"format":"liaison-bundle","version":2,"replica_id":"mumbai.k3f9q2","office":"mumbai",
///  "since":0,"last_sequence":12,"states":[<canonical state JSON>, ...],"events":[<event JSON>, ...]}
/// ```
///
/// Version 2 carries the write events of each state (docs/design.md §10); version-1 bundles
/// (states only) are still read, their states' events reconstructed from their live entries.
public struct LiaisonBundle: Sendable {
    /// The value of the `format` key.
    public static let format = "liaison-bundle"
    /// The bundle format version this build writes (it reads this one and version 1).
    public static let version = 2

    /// The replica id of the node that exported it.
    public let replicaID: String
    /// That node's office.
    public let office: String
    /// The exporting node's sequence the bundle starts after.
    public let since: Int64
    /// The exporting node's sequence the bundle goes up to: export again with `--since` this.
    public let lastSequence: Int64
    /// The states (each record once, whole).
    public let states: [RecordState]
    /// The states the intake refused while reading (quarantined when the bundle merges).
    public let rejected: [RejectedState]
    /// The write events sent with the states (none in a version-1 bundle).
    public let events: SentEvents

    /// Decodes and checks a bundle.
    /// - Throws: ``BundleError`` naming the problem (and the record, when one is bad).
    public init(json data: Data) throws(BundleError) {
        let wire: BundleWire
        do {
            wire = try BundleWire(envelope: StateEnvelope.parse(data))
        } catch {
            throw BundleError("not a valid Liaison bundle: \(error.description)")
        }
        guard wire.format == Self.format else {
            throw BundleError("not a Liaison bundle: format is \"\(wire.format.prefix(40))\", expected \"\(Self.format)\"")
        }
        guard wire.version == 1 || wire.version == Self.version else {
            throw BundleError("bundle version \(wire.version) is not supported (this build reads versions 1 and \(Self.version))")
        }
        guard ReplicaID.isValid(wire.replica_id) else {
            throw BundleError("bundle has an invalid replica id \"\(wire.replica_id.prefix(64))\"")
        }
        guard wire.since >= 0, wire.last_sequence >= wire.since else {
            throw BundleError("bundle has an invalid range: since \(wire.since), last_sequence \(wire.last_sequence)")
        }
        replicaID = wire.replica_id
        office = wire.office
        since = wire.since
        lastSequence = wire.last_sequence
        states = wire.states
        rejected = wire.rejected
        events = wire.version == 1 ? SentEvents() : wire.events
    }
}

/// A bundle that cannot be read or merged; nothing of it was applied.
public struct BundleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    /// Makes an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// The JSON shape of a bundle.
struct BundleWire {
    let format: String
    let version: Int
    let replica_id: String
    let office: String
    let since: Int64
    let last_sequence: Int64
    let states: [RecordState]
    let rejected: [RejectedState]
    let events: SentEvents

    /// The bundle from an envelope parsed by ``StateEnvelope/parse(_:statesKey:)`` (no `JSONDecoder`).
    init(envelope: StateEnvelope) throws(StateDecodingError) {
        format = try envelope.string("format")
        version = Int(try envelope.integer("version"))
        replica_id = try envelope.string("replica_id")
        office = try envelope.string("office")
        since = try envelope.integer("since")
        last_sequence = try envelope.integer("last_sequence")
        states = envelope.states
        rejected = envelope.rejected
        events = envelope.events
    }
}
