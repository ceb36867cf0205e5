import Foundation
import Testing
import ChannelComp
@testable import ChannelCompCLI

/// `payout --out` end to end on disk, with the hostile roster: every file lands inside the
/// output folder under its sanitised name.
@Suite struct StatementFolderTests {
    @Test func hostileRosterStaysInsideTheFolder() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cc-statements-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: base) }
        let data = base.appendingPathComponent("data")
        let out = base.appendingPathComponent("deep/out")
        try fm.createDirectory(at: data, withIntermediateDirectories: true)
        try fm.createDirectory(at: base.appendingPathComponent("deep"), withIntermediateDirectories: true)
        try HostileRosterTests.people.write(to: data.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        try HostileRosterTests.partners.write(to: data.appendingPathComponent("partners.csv"), atomically: true, encoding: .utf8)
        try HostileRosterTests.deals.write(to: data.appendingPathComponent("deals.csv"), atomically: true, encoding: .utf8)

        let console = Console()
        let status = ChannelCompCLI.run(["payout", "--plan", StatementFixture.planPath, "--data", data.path,
                                         "--period", "2027-01", "--out", out.path], console: console)
        #expect(status == 0, "\(console.err)")

        // Everything written is a regular file or folder inside `out`; nothing beside it.
        var written: Set<String> = []
        let walker = try #require(fm.enumerator(atPath: out.path))
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: out.appendingPathComponent(relative).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { written.insert(relative) }
        }
        #expect(try fm.contentsOfDirectory(atPath: base.appendingPathComponent("deep").path) == ["out"])
        #expect(!fm.fileExists(atPath: base.appendingPathComponent("etc").path))
        // 7 people and 2 partners, text + HTML each, index, payouts.csv and the folder's marker.
        #expect(written.count == 2 * 9 + 3)
        #expect(written.contains("people/_.._.._etc_passwd.html"))
        #expect(written.contains("people/_CON.txt"))
        #expect(written.contains("partners/P_1.html"))
        #expect(written.contains("index.html") && written.contains("payouts.csv"))
    }
}
