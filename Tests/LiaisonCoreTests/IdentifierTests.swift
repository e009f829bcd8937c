import Foundation
import LiaisonCore
import PropertyBased
import Testing

/// docs/design.md §3: replica ids are never reused; record ids are time-sortable.
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
        for bad in [
            "", "ab", "mumbai", ".mumbai", "mumbai.", "Mumbai.k3f9q2", "mumbai.k3 f9", "mumbai.k3f9é",
            "mumbai:1.x", String(repeating: "a", count: 63) + ".b",
        ] {
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

    @Test func importedRecordIDsAreTheSameEverywhereAndComeFirstInIdOrderInTheFilesOrder() {
        let file = (0..<32).map { UInt8($0 * 7 & 0xff) }
        let id = RecordID.imported(file: file, row: 2)
        #expect(id == "00000000-0000-8000-9c38-54708ca00002")
        #expect(RecordID.imported(file: file, row: 2) == id, "the same row of the same file names the same record at every office")
        #expect(RecordID.isUUID(id) && RecordID.isValid(id))
        #expect(RecordID.imported(file: Array(repeating: 0xff, count: 32), row: 2) == "00000000-0000-8fff-bfff-ffffffe00002")
        // A file's rows in its order, before any record made at a node, whatever the file.
        let rows = (2...5_000).map { RecordID.imported(file: file, row: $0) }
        #expect(rows.sorted() == rows && Set(rows).count == rows.count)
        let other = RecordID.imported(file: Array(file.reversed()), row: 2)
        #expect(!rows.contains(other) && other < RecordID.make(now: Date(timeIntervalSince1970: 0.001)))
        #expect(RecordID.imported(file: file, row: 2_097_151).hasSuffix("8cbfffff"), "the row's 21 bits, all set")
    }

    @Test func recordIDValidity() {
        #expect(!RecordID.isValid(""))
        #expect(!RecordID.isValid("a b"))
        #expect(!RecordID.isValid("a/b"))
        #expect(!RecordID.isValid(String(repeating: "a", count: 65)))
        #expect(RecordID.isValid("rec_1-A"))
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test func isoMatchesFoundationsISO8601() async {
        // Any millisecond from 1970 to 2200, and the edges of days, months and leap years.
        // Foundation formats the whole seconds; the milliseconds are exact here, where
        // Foundation's floating point sometimes prints .001 for .002.
        await propertyCheck(count: 2_000, input: Gen.int64(in: 0...7_258_118_400_000)) { millis in
            let seconds = Date(timeIntervalSince1970: Double(millis / 1000)).formatted(Date.ISO8601FormatStyle())
            #expect(Timestamp.iso(millis) == seconds.dropLast() + String(format: ".%03dZ", Int(millis % 1000)))
        }
        #expect(Timestamp.iso(0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.iso(951_782_399_999) == "2000-02-28T23:59:59.999Z")
        #expect(Timestamp.iso(951_782_400_000) == "2000-02-29T00:00:00.000Z")
        #expect(Timestamp.iso(1_795_996_812_123) == "2026-11-30T00:00:12.123Z")
        #expect(Timestamp.iso(-1) == "1969-12-31T23:59:59.999Z")
        // Any time a peer may send prints, even the extremes of Int64.
        #expect(Timestamp.iso(-62_167_219_200_001) == "-0001-12-31T23:59:59.999Z")
        #expect(Timestamp.iso(.min).hasSuffix("T16:47:04.192Z") && Timestamp.iso(.min).hasPrefix("-"))
        #expect(Timestamp.iso(.max).hasSuffix("T07:12:55.807Z"))
    }
}
