import Foundation
import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A load that cannot fit the process's memory limit is refused up front with
/// exit 1 and a message, never aborted by a failed allocation (exit 134).
@Suite(.enabled(if: LiaisonExecutable.path != nil, "build the liaison executable first (swift build)"))
struct MemoryLimitTests {
  @Test func aLoadTooLargeForTheAddressSpaceLimitExitsOneWithAMessage() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    // About 48 MB of ties (seeded), far more than fits in 184 MB of address space.
    var rng = SplitMix64(seed: 20_261_204)
    var text = "source,target,strength\n"
    text.reserveCapacity(50 << 20)
    while text.utf8.count < 48 << 20 {
      text += "p\(rng.next() % 1_000_000),p\(rng.next() % 1_000_000),0.\(rng.next() % 9 + 1)\n"
    }
    let big = tmp.write("big-ties.csv", text)
    let small = tmp.write("small-ties.csv", "source,target\na,b\nb,c\n")
    // 184 MB: the debug executable maps about 90 MB before reading anything (SQLite and GRDB
    // included), and the smallest load asks for 80 MB more room than that.
    let limit = 184 * 1024
    let (status, _, message) = try LiaisonExecutable.run(["stats", big], addressSpaceKilobytes: limit)
    #expect(status == 1, "exit \(status): \(message.prefix(300))")
    #expect(message.contains("big-ties.csv") && message.contains("ulimit -v") && message.contains("MB"))
    #expect(!message.contains("Fatal error"))
    // What fits under the same limit still runs.
    let (smallStatus, _, smallMessage) = try LiaisonExecutable.run(["stats", small], addressSpaceKilobytes: limit)
    #expect(smallStatus == 0, "\(smallMessage.prefix(300))")
  }
}
