import Foundation
import Testing

/// Runs every golden case of `Fixtures/golden/` and `Fixtures/errors/` in-process and compares
/// stdout, stderr and the exit code byte for byte. `CHANNELCOMP_RECORD=1 swift test --filter Golden`
/// rewrites the expected files instead (review the diff like code).
@Suite("Golden cases")
struct GoldenTests {
    /// One test per case folder, reported by its path (`Fixtures/errors/deals-ragged-row`).
    @Test("golden case", arguments: GoldenCase.discover())
    func goldenCase(_ name: String) {
        let problems = GoldenCase(name: name).verify()
        for problem in problems { Issue.record("\(problem)") }
    }

    /// Guards against an empty or mis-located fixture tree, which would make the
    /// parameterized test above pass with zero cases.
    @Test func casesAreDiscovered() {
        let names = GoldenCase.discover()
        // At least: the SPEC example, the sample months, help/usage cases (golden) and
        // 20 error kinds (errors).
        #expect(names.filter { $0.hasPrefix("Fixtures/golden/") }.count >= 20)
        #expect(names.filter { $0.hasPrefix("Fixtures/errors/") }.count >= 20)
        #expect(names.contains("Fixtures/golden/spec-example-2027-01"))
    }

    /// A folder with `cmd` but no expected files must fail, not pass silently.
    @Test func caseWithoutExpectedFilesFails() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("channelcomp-golden-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("Fixtures/golden/no-expected")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("--version\n".utf8).write(to: folder.appendingPathComponent("cmd"))

        #expect(GoldenCase.discover(root: root) == ["Fixtures/golden/no-expected"])
        let problems = GoldenCase(name: "Fixtures/golden/no-expected", root: root).verify(record: false)
        #expect(problems.count == 1)
        #expect(problems.first?.description.contains("missing expected file(s): expected.stdout, expected.stderr, expected.exit") == true)

        // With only some files present it still fails, naming the missing one.
        try Data("channelcomp 0.1.0\n".utf8).write(to: folder.appendingPathComponent("expected.stdout"))
        try Data("0\n".utf8).write(to: folder.appendingPathComponent("expected.exit"))
        let partial = GoldenCase(name: "Fixtures/golden/no-expected", root: root).verify(record: false)
        #expect(partial.map(\.description).joined().contains("expected.stderr"))
    }

    /// A folder without `cmd` is reported, not skipped.
    @Test func caseWithoutCmdFails() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("channelcomp-golden-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("Fixtures/errors/no-cmd")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }

        let problems = GoldenCase(name: "Fixtures/errors/no-cmd", root: root).verify(record: false)
        #expect(problems.first?.description.contains("no readable `cmd` file") == true)
    }

    /// A wrong expectation is caught: exit code, stdout and stderr are each compared.
    @Test func mismatchIsReported() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("channelcomp-golden-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("Fixtures/golden/wrong")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("--version\n".utf8).write(to: folder.appendingPathComponent("cmd"))
        try Data("channelcomp 9.9.9\n".utf8).write(to: folder.appendingPathComponent("expected.stdout"))
        try Data("noise\n".utf8).write(to: folder.appendingPathComponent("expected.stderr"))
        try Data("64\n".utf8).write(to: folder.appendingPathComponent("expected.exit"))

        let problems = GoldenCase(name: "Fixtures/golden/wrong", root: root).verify(record: false)
        #expect(problems.count == 3)  // exit 0 ≠ 64, stdout version ≠ 9.9.9, stderr "" ≠ "noise\n"
    }

    /// The SPEC 7 golden output is, byte for byte, the answer printed in SPEC section 7; so is
    /// the output for the same data written with BOM, CRLF, quoting and reordered columns.
    @Test(arguments: ["spec-example-2027-01", "spec-example-crlf-bom"])
    func specExampleGoldenIsTheSpecAnswer(_ golden: String) throws {
        let root = GoldenCase.packageRoot
        let golden = try Data(contentsOf: root.appendingPathComponent("Fixtures/golden/\(golden)/expected.stdout"))
        let spec = try Data(contentsOf: root.appendingPathComponent("Fixtures/spec-example/expected-2027-01.csv"))
        #expect(golden == spec)
        // ann: 10000.00 + 3640.00 + 5000.00 = 18640.00 at 5 % = 932.00.
        #expect(String(decoding: golden, as: UTF8.self).contains("person,ann,2027-01,18640.00,18640.00,0.0373,932.00,0.00,932.00,USD\n"))
    }
}
