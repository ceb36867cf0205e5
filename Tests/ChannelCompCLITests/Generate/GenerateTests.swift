@testable import ChannelComp
@testable import ChannelCompCLI
import Foundation
import Testing

/// `channelcomp generate`: deterministic, and what it writes is valid data.
@Suite("generate")
struct GenerateTests {
    static func generate(_ deals: Int, seed: Int, shape: String = "plain") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cc-generate-\(UUID().uuidString)")
        let console = Console()
        let status = ChannelCompCLI.run(["generate", "--out", dir.path, "--deals", String(deals), "--seed", String(seed),
                                         "--shape", shape], console: console)
        #expect(status == 0, "\(console.err)")
        return dir
    }

    static func bytes(_ dir: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in ["deals.csv", "people.csv", "partners.csv", "plan.json"] {
            files[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return files
    }

    @Test("same deals and seed give the same bytes; another seed gives other deals")
    func deterministic() throws {
        let a = try Self.generate(3000, seed: 5), b = try Self.generate(3000, seed: 5), c = try Self.generate(3000, seed: 6)
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(at: d) } }
        let first = try Self.bytes(a)
        #expect(first == (try Self.bytes(b)))
        #expect(first["deals.csv"] != (try Self.bytes(c))["deals.csv"])
        // 3000 rows: 2910 bookings + 90 cancellations (3 %), plus the header.
        let lines = String(decoding: first["deals.csv"]!, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3001)
        #expect(lines.filter { $0.contains(",cancellation,") }.count == 90)
    }

    @Test("its output passes check and pays every period of the year")
    func passesCheck() throws {
        let dir = try Self.generate(2000, seed: 1)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.json").path
        let console = Console()
        #expect(ChannelCompCLI.run(["check", "--plan", plan, "--data", dir.path], console: console) == 0, "\(console.err)")
        #expect(console.out.contains("2000 deal rows: 1940 bookings, 60 cancellations, 0 rejected"))
        for month in 1...12 {
            let payout = Console()
            let period = "2027-" + (month < 10 ? "0" : "") + String(month)
            #expect(ChannelCompCLI.run(["payout", "--plan", plan, "--data", dir.path, "--period", period, "--format", "csv"], console: payout) == 0)
        }
    }

    /// The realistic shape is the same ledger in another layout: every period pays exactly what
    /// the plain shape pays, and the file really has the variety (BOM, CRLF, quotes, padding,
    /// another column order, cancellations with their booking's columns, a notes column).
    @Test("--shape realistic: another layout, the same payouts")
    func realisticShape() throws {
        let plain = try Self.generate(3000, seed: 3), real = try Self.generate(3000, seed: 3, shape: "realistic")
        defer { for d in [plain, real] { try? FileManager.default.removeItem(at: d) } }
        let bytes = try Self.bytes(real)["deals.csv"]!
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(!text.hasPrefix("\u{FEFF}deal_id,line,event"), "columns in another order")
        #expect(text.contains("\r\n") && text.contains("\"") && text.contains(" ,") && text.contains("notes"))
        #expect(text.split(separator: "\r\n").contains { $0.contains("cancellation") && $0.contains("WIDGET") || $0.contains("cancellation") && $0.contains("SEAT") },
                "some cancellations repeat their booking's columns")
        let check = Console()
        #expect(ChannelCompCLI.run(["check", "--plan", real.appendingPathComponent("plan.json").path, "--data", real.path], console: check) == 0, "\(check.err)")
        #expect(check.out.contains("3000 deal rows: 2910 bookings, 90 cancellations, 0 rejected"))
        for period in ["2027-01", "2027-03", "2027-06", "2027-12"] {
            var outputs: [String] = []
            for dir in [plain, real] {
                let c = Console()
                #expect(ChannelCompCLI.run(["payout", "--plan", dir.appendingPathComponent("plan.json").path, "--data", dir.path,
                                            "--period", period, "--format", "csv"], console: c) == 0)
                outputs.append(c.out)
            }
            #expect(outputs[0] == outputs[1], "\(period): the realistic layout pays differently")
            #expect(outputs[0].split(separator: "\n").count > 5)
        }
    }

    @Test("--roster-changes: hires, leavers, moves, quota changes, managers; passes check; the default is unchanged")
    func rosterChanges() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cc-generate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let console = Console()
        #expect(ChannelCompCLI.run(["generate", "--out", dir.path, "--deals", "4000", "--seed", "3", "--roster-changes"], console: console) == 0, "\(console.err)")
        let check = Console()
        #expect(ChannelCompCLI.run(["check", "--plan", dir.appendingPathComponent("plan.json").path, "--data", dir.path], console: check) == 0, "\(check.err)")
        #expect(check.out.contains("4000 deal rows: 3880 bookings, 120 cancellations, 0 rejected"), "\(check.out)")
        #expect(check.err.isEmpty, "no warnings expected: \(check.err)")
        // Every month of the year pays.
        for month in ["2027-01", "2027-03", "2027-07", "2027-12"] {
            let payout = Console()
            #expect(ChannelCompCLI.run(["payout", "--plan", dir.appendingPathComponent("plan.json").path, "--data", dir.path, "--period", month, "--format", "csv"], console: payout) == 0, "\(payout.err)")
        }
        let people = String(decoding: try Data(contentsOf: dir.appendingPathComponent("people.csv")), as: UTF8.self)
        let lines = people.split(separator: "\n").map(String.init)
        // 4000 rows: 8 people → 7 reps + 1 channel manager; reps 1 (quota change), 3 (leaver and
        // hire), 5 and 6 (a territory swap); sales manager sm0001 and director dir01.
        #expect(lines[0] == "id,name,role,quota,territory,effective_from,effective_to,manager")
        #expect(lines.contains { $0.hasPrefix("hire00004,Hire 4,direct_rep,") && $0.hasSuffix(",,sm0001") })
        #expect(lines.contains { $0.hasPrefix("rep00002,") && $0.contains(",2027-07-01,,") })
        #expect(lines.contains { $0.hasPrefix("rep00006,") && $0.contains(",T00007,") })
        #expect(lines.contains { $0.hasPrefix("rep00007,") && $0.contains(",T00006,") })
        #expect(lines.contains { $0.hasPrefix("sm0001,Sales Manager 1,sales_manager,") && $0.hasSuffix(",dir01") })
        #expect(lines.contains { $0.hasPrefix("dir01,Sales Director,sales_director,") })
        // The default output does not have these columns.
        let plain = try Self.generate(4000, seed: 3)
        defer { try? FileManager.default.removeItem(at: plain) }
        let files = try Self.bytes(plain)
        #expect(String(decoding: files["people.csv"]!, as: UTF8.self).hasPrefix("id,name,role,quota,territory\n"))
        #expect(String(decoding: files["partners.csv"]!, as: UTF8.self).hasPrefix("id,name,level,manager\n"))
    }

    @Test("--roster-changes ledgers load the same with and without the fast path, also with rows moved out of effect")
    func rosterChangesFastPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cc-generate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(ChannelCompCLI.run(["generate", "--out", dir.path, "--deals", "6000", "--seed", "9", "--roster-changes"], console: Console()) == 0)
        func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: dir.appendingPathComponent(name))) }
        let (plan, planDiagnostics) = PlanLoader.load(file: "plan.json", bytes: try read("plan.json"))
        let loadedPlan = try #require(plan, "\(planDiagnostics.items.map { $0.render() })")
        let (roster, rosterDiagnostics) = RosterLoader.load(peopleFile: "people.csv", peopleBytes: try read("people.csv"),
                                                            partnersFile: "partners.csv", partnersBytes: try read("partners.csv"), plan: loadedPlan)
        #expect(!rosterDiagnostics.hasErrors)
        // Every 40th row dated 2026-10-15: before the hires' first days, so those rows name reps
        // without a row in effect (and the rest stay valid).
        var lines = String(decoding: try read("deals.csv"), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in stride(from: 40, to: lines.count - 1, by: 40) {
            var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields.count > 3 && fields[2] != "cancellation" { fields[3] = "2026-10-15" }
            lines[i] = fields.joined(separator: ",")
        }
        let mutated = Array(lines.joined(separator: "\n").utf8)
        for bytes in [try read("deals.csv"), mutated] {
            let (fast, fastDiagnostics) = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: loadedPlan, roster: roster, fastPath: true)
            let (full, fullDiagnostics) = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: loadedPlan, roster: roster, fastPath: false)
            #expect(fastDiagnostics.items.map { $0.render() } == fullDiagnostics.items.map { $0.render() })
            #expect(fast.bookings.count == full.bookings.count && fast.cancellations.count == full.cancellations.count)
            #expect(zip(fast.bookings, full.bookings).allSatisfy { $0.deal == $1.deal && $0.line == $1.line && $0.date == $1.date && $0.reps.map(\.person) == $1.reps.map(\.person) })
            if bytes == mutated {
                #expect(fullDiagnostics.errors.contains { $0.message.contains("has no row in effect on the booking date 2026-10-15") })
            } else {
                #expect(!fullDiagnostics.hasErrors)
            }
        }
    }
}

/// deals.csv over 4 MiB is read in pieces on two threads through the CLI's `pread` source:
/// the same ledger as one pass over the bytes, and the same payouts as `CHANNELCOMP_THREADS=1`.
@Suite("deals.csv in pieces through the file reader")
struct PiecesThroughFileTests {
    @Test("a 5 MB realistic ledger: pieces = one pass, ledger and payouts")
    func realisticInPieces() throws {
        let dir = try GenerateTests.generate(50_000, seed: 11, shape: "realistic")
        defer { try? FileManager.default.removeItem(at: dir) }
        func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: dir.appendingPathComponent(name))) }
        let deals = try read("deals.csv")
        #expect(deals.count > LedgerLoader.splitThreshold, "\(deals.count) bytes: not split")
        let (plan, _) = PlanLoader.load(file: "plan.json", bytes: try read("plan.json"))
        let loadedPlan = try #require(plan)
        let (roster, _) = RosterLoader.load(peopleFile: "people.csv", peopleBytes: try read("people.csv"),
                                            partnersFile: "partners.csv", partnersBytes: try read("partners.csv"), plan: loadedPlan)
        guard case .reader(let file) = FileSystem.openForChunks(dir.appendingPathComponent("deals.csv").path) else {
            Issue.record("cannot open deals.csv")
            return
        }
        let ranged = file.ranged
        let cuts = LedgerLoader.recordCuts(ranged, pieces: 7)
        #expect(cuts.count == 6)
        let pieces = try #require(LedgerLoader.loadInPieces(file: "deals.csv", ranged: ranged, cuts: cuts, plan: loadedPlan, roster: roster, fastPath: true),
                                  "the pieces were read again in one pass")
        #expect(file.lastByte == 0x0A)
        let (whole, wholeDiagnostics) = LedgerLoader.load(file: "deals.csv", bytes: deals, plan: loadedPlan, roster: roster)
        #expect(pieces.1.items.map { $0.render() } == wholeDiagnostics.items.map { $0.render() })
        #expect(pieces.0.rowsRead == whole.rowsRead && pieces.0.bookings.count == whole.bookings.count)
        #expect(pieces.0.bookings.count > 40_000)
        #expect(pieces.0.cancellations.map(\.booking) == whole.cancellations.map(\.booking))
        #expect(pieces.0.cancellations.map(\.sourceLine) == whole.cancellations.map(\.sourceLine))
        var differing = 0
        for i in whole.bookings.indices {
            let a: Booking = pieces.0.bookings[i], b: Booking = whole.bookings[i]
            let sameKey = a.deal == b.deal && a.line == b.line && a.sourceLine == b.sourceLine
            let sameTexts = a.account == b.account && a.territory == b.territory
            let sameRest = a.quantity == b.quantity && a.reps.map(\.person) == b.reps.map(\.person) && a.partner == b.partner
            if !(sameKey && sameTexts && sameRest) { differing += 1 }
        }
        #expect(differing == 0)

        // End to end: the CLI (two threads: the file is over 4 MiB) pays what one thread pays.
        let arguments = ["payout", "--plan", dir.appendingPathComponent("plan.json").path, "--data", dir.path, "--period", "2027-12", "--format", "csv"]
        let console = Console()
        #expect(ChannelCompCLI.run(arguments, console: console) == 0, "\(console.err)")
        setenv("CHANNELCOMP_THREADS", "1", 1)
        let single = Console()
        let status = ChannelCompCLI.run(arguments, console: single)
        unsetenv("CHANNELCOMP_THREADS")
        #expect(status == 0)
        #expect(console.out == single.out && console.out.count > 1000)
    }
}
