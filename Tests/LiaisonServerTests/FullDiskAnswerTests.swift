import GRDB
import HTTPTypes
import LiaisonHTTP
import Testing

/// A write on a full disk (SQLite's SQLITE_FULL: the transaction rolled back) is answered 507
/// with what to do, not 500 quoting "SQLite error 13". The error is made here rather than by
/// filling a disk: a test cannot mount a small filesystem on every machine that runs it.
@Suite struct FullDiskAnswerTests {
    @Test func aFullDiskIs507SayingNothingWasWritten() {
        let answer = APIError(answering: DatabaseError(resultCode: .SQLITE_FULL))
        #expect(answer.status.code == 507)
        #expect(answer.message.hasPrefix("the node's disk is full: nothing was written"))
    }
}
