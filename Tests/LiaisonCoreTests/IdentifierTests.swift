import Foundation
import LiaisonCore
import Testing

/// DESIGN.md §3: replica ids are never reused; record ids are time-sortable.
@Suite struct IdentifierTests {
    @Test func replicaIDsAreFreshAndValid() {
        for office in CoreSchema.offices {
            let ids = (0..<200).map { _ in ReplicaID.make(office: office) }
            #expect(Set(ids).count == ids.count)
            for id in ids {
                #expect(ReplicaID.isValid(id), "\(id)")
                #expect(id.hasPrefix("\(office)."))
            }
        }
    }

    @Test func replicaIDValidity() {
        for good in ["mumbai.k3f9q2", "new-delhi.a1_b2", "a.b"] { #expect(ReplicaID.isValid(good), "\(good)") }
        for bad in ["", "ab", "mumbai", ".mumbai", "mumbai.", "Mumbai.k3f9q2", "mumbai.k3 f9", "mumbai.k3f9é",
                    "mumbai:1.x", String(repeating: "a", count: 63) + ".b"] {
            #expect(!ReplicaID.isValid(bad), "\(bad)")
        }
    }

    @Test func recordIDsAreValidUniqueAndTimeSortable() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        var ids: [String] = []
        for step in 0..<500 {
            // Times two milliseconds apart, and years apart.
            let offset = step < 250 ? Double(step) / 500 + 0.0005 : Double(step) * 86_400 * 30
            ids.append(RecordID.make(now: start.addingTimeInterval(offset)))
        }
        #expect(ids.sorted() == ids)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(RecordID.isValid(id), "\(id)")
            #expect(id.count == 36)
            #expect(Array(id)[14] == "7", "UUIDv7 version nibble: \(id)")
        }
        // Made at the same moment: still distinct.
        let same = (0..<100).map { _ in RecordID.make(now: start) }
        #expect(Set(same).count == 100)
        #expect(RecordID.isValid(RecordID.make()))
    }

    @Test func recordIDValidity() {
        #expect(!RecordID.isValid(""))
        #expect(!RecordID.isValid("a b"))
        #expect(!RecordID.isValid("a/b"))
        #expect(!RecordID.isValid(String(repeating: "a", count: 65)))
        #expect(RecordID.isValid("rec_1-A"))
    }
}
