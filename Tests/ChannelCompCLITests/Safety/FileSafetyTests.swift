#if canImport(Glibc)
import Glibc
#endif
import ChannelComp
@testable import ChannelCompCLI
import Foundation
import Testing

/// Issue 16: data loss, double payment and injection found by attacking the tool. Each test
/// stages the attack and checks that nothing is lost (folders compared byte for byte).
@Suite("Safety: what the tool refuses (issue 16)", .serialized)
struct FileSafetyTests {
    let plan = JournalTestSupport.channelNeutralPlan

    // MARK: 16.1 and UX 6 — the --out rule

    @Test("16.1: --out that contains the data folder and the plan is refused, even with --force; nothing deleted")
    func outContainingData() throws {
        let data = try DataFolder()
        let out = data.root.appendingPathComponent("stmts").path
        #expect(data.cli("payout", period: "2027-03", ["--out", out]).code == 0)
        // The earlier output folder now also holds the data folder and the plan.
        try FileManager.default.moveItem(atPath: data.path, toPath: out + "/data")
        try FileManager.default.copyItem(atPath: plan, toPath: out + "/plan.json")
        let moved = out + "/data"
        let before = SafetyRun.snapshot(out)
        for extra in [[String](), ["--force"]] {
            let r = JournalTestSupport.run(["payout", "--plan", out + "/plan.json", "--data", moved, "--period", "2027-04", "--out", out] + extra)
            #expect(r.code == 73, "\(extra): \(r.err)")
            #expect(r.err.contains("contains the data folder"), "\(r.err)")
        }
        // The plan alone inside --out (data elsewhere) is refused too.
        let r = JournalTestSupport.run(["payout", "--plan", out + "/plan.json", "--data", "Fixtures/sample", "--period", "2027-04", "--out", out, "--force"])
        #expect(r.code == 73 && r.err.contains("contains the plan file"), "\(r.err)")
        #expect(SafetyRun.snapshot(out) == before, "the folder is byte for byte unchanged")
    }

    @Test("UX 6: --out onto March's statements is refused without --force; --force replaces only channelcomp's own files")
    func outReplaceNeedsForce() throws {
        let data = try DataFolder()
        let out = data.root.appendingPathComponent("stmts-2027-03").path
        #expect(data.cli("payout", period: "2027-03", ["--out", out]).code == 0)
        let march = SafetyRun.snapshot(out)
        let refused = data.cli("payout", period: "2027-04", ["--out", out])
        #expect(refused.code == 73, "\(refused.err)")
        #expect(refused.err.contains("statements channelcomp wrote for 2027-03") && refused.err.contains("--force"), "\(refused.err)")
        #expect(SafetyRun.snapshot(out) == march)
        // A file somebody added: --force refuses too, naming it.
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        let foreign = data.cli("payout", period: "2027-04", ["--out", out, "--force"])
        #expect(foreign.code == 73 && foreign.err.contains("notes.txt"), "\(foreign.err)")
        try FileManager.default.removeItem(atPath: out + "/notes.txt")
        let forced = data.cli("payout", period: "2027-04", ["--out", out, "--force"])
        #expect(forced.code == 0, "\(forced.err)")
        let marker = try String(contentsOfFile: out + "/.channelcomp-output", encoding: .utf8)
        #expect(marker.hasPrefix("written by channelcomp payout --period 2027-04\n"))
        #expect(marker.contains("\npayouts.csv\n"))
    }

    @Test("Also: of two concurrent payout --out into one new folder, one writes it and the other is refused")
    func concurrentOut() throws {
        let data = try DataFolder()
        for round in 0..<4 {
            let out = data.root.appendingPathComponent("stmts-\(round)").path
            let codes = try SafetyRun.race(["payout", "--plan", plan, "--data", data.path, "--period", "2027-03", "--out", out])
            #expect(codes == [0, 73], "round \(round): exit codes \(codes)")
        }
    }

    // MARK: 16.2 — generate

    @Test("16.2: generate --out on an existing data folder is refused; the folder is byte for byte unchanged")
    func generateRefusesDataFolder() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        let before = SafetyRun.snapshot(data.path)
        let r = JournalTestSupport.run(["generate", "--out", data.path, "--deals", "10"])
        #expect(r.code == 73, "\(r.err)")
        #expect(r.err.contains("not empty"), "\(r.err)")
        #expect(SafetyRun.snapshot(data.path) == before)
        // A new folder is still written whole, with no staging folder left beside it.
        let fresh = data.root.appendingPathComponent("gen").path
        #expect(JournalTestSupport.run(["generate", "--out", fresh, "--deals", "10"]).code == 0)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: fresh)) == ["deals.csv", "people.csv", "partners.csv", "plan.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.root.path).allSatisfy { !$0.hasPrefix(".") })
    }

    // MARK: 16.3 — planted symlinks

    @Test("16.3: symlinks planted under every old temporary name are never followed; the victim file is unchanged")
    func plantedSymlinks() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        let victim = data.root.appendingPathComponent("victim.txt").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        chmod(victim, 0o600)
        // The old names were `.journal.csv.<pid>.tmp`: plant the next 2,000 pids.
        let pid = Int(getpid())
        for p in pid..<(pid + 2000) { symlink(victim, data.path + "/.journal.csv.\(p).tmp") }
        let r = try SafetyRun.binary(["close", "--plan", plan, "--data", data.path, "--period", "2027-02", "--closed-at", JournalTestSupport.closedAt])
        #expect(r.code == 0, "\(r.err)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        var st = stat()
        #expect(stat(victim, &st) == 0 && st.st_mode & 0o7777 == 0o600, "the victim's mode is unchanged")
        #expect(lstat(data.journalPath, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG, "journal.csv is a regular file, not a symlink")
        #expect(data.journal().periods == ["2027-01", "2027-02"])
        #expect(!data.fileNames().contains { $0.hasSuffix(".tmp") }, "the planted links (leftover names) were removed, not followed")
    }

    // MARK: 16.4 — standard output errors

    @Test("16.4: payout and audit exit 73 when standard output cannot be written (/dev/full)")
    func stdoutFull() throws {
        for command in [["payout", "--format", "csv"], ["audit"], ["payout"]] {
            let r = try SafetyRun.binary([command[0], "--plan", plan, "--data", "Fixtures/sample", "--period", "2027-03"] + command.dropFirst(),
                                         stdout: "/dev/full")
            #expect(r.code == 73, "\(command): \(r.err)")
            #expect(r.err.contains("cannot write standard output"), "\(r.err)")
        }
    }

    // MARK: 16.5 — the close lock

    @Test("16.5: close refuses when the folder cannot be opened or flock fails (ENOLCK); journal unchanged", arguments: ["open:EACCES", "flock:ENOLCK", "flock:EIO"])
    func lockFailures(_ injection: String) throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        let before = SafetyRun.snapshot(data.path)
        let r = try SafetyRun.binary(["close", "--plan", plan, "--data", data.path, "--period", "2027-02", "--closed-at", JournalTestSupport.closedAt],
                                     environment: ["CHANNELCOMP_INJECT_LOCK_ERROR": injection])
        #expect(r.code == 73, "\(r.err)")
        #expect(r.err.contains("cannot lock the folder for close"), "\(r.err)")
        #expect(SafetyRun.snapshot(data.path) == before)
    }

    @Test("16.5: of two simultaneous closes of one month, one journals it and the other is refused (10 rounds)")
    func simultaneousCloses() throws {
        let template = try DataFolder()
        template.closeAll(["2027-01"])
        for round in 0..<10 {
            let data = try template.duplicate()
            let codes = try SafetyRun.race(["close", "--plan", plan, "--data", data.path, "--period", "2027-02", "--closed-at", JournalTestSupport.closedAt])
            #expect(codes == [0, 65] || codes == [0, 73], "round \(round): exit codes \(codes)")
            // 17 payees (Fixtures/sample): February's rows appear once.
            #expect(data.journal().rows(of: "2027-02").count == 17, "round \(round): February journalled once")
        }
    }

    @Test("16.5: close appends to the journal bytes it checked, not a second read")
    func appendsCheckedBytes() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        let inputs = try InputLoader.load(planPath: plan, dataDirectory: data.path, console: Console())
        // Someone closes February meanwhile (the journal changes after it was read and checked).
        let other = try data.duplicate()
        other.closeAll(["2027-02"])
        try FileManager.default.removeItem(atPath: data.journalPath)
        try FileManager.default.copyItem(atPath: other.journalPath, toPath: data.journalPath)
        let changed = try data.journalBytes().map { $0 } ?? []
        let run = try PayoutCommand.compute(inputs, period: try #require(Period(parsing: "2027-02")), details: false)
        let bytes = try CloseCommand.journalBytes(adding: run, closedAt: JournalTestSupport.closedAt, inputs: inputs)
        #expect(bytes.starts(with: inputs.snapshot.journalBytes ?? []), "built on the checked bytes")
        #expect(throws: CommandFailure.self) {
            try JournalFileSafety.write(bytes, inputs: inputs, acceptUnterminated: false, crashPoint: nil, console: Console())
        }
        expectSameBytes(data.journalBytes(), changed, "the changed journal is left alone: February is not journalled twice")
    }

    // MARK: 16.6 — torn last rows and files changed while close runs

    @Test("16.6: close refuses a deals.csv whose last row has no line end; --accept-unterminated closes it")
    func tornLastRow() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        var deals = try #require(FileManager.default.contents(atPath: data.dealsPath))
        // A writer appending `…,100` has written only `…,10` so far: a valid-looking row.
        deals.append(contentsOf: Array("2027-02-10,DTORN,,,direct,A-1040,NORTHEAST,WIDGET,1,1250.00,,USD,,,,,hank".utf8))
        try deals.write(to: URL(fileURLWithPath: data.dealsPath))
        let before = SafetyRun.snapshot(data.path)
        let r = data.close("2027-02")
        #expect(r.code == 65, "\(r.err)")
        #expect(r.err.contains("deals.csv: error: the last row has no line end"), "\(r.err)")
        #expect(SafetyRun.snapshot(data.path) == before)
        let accepted = data.cli("close", period: "2027-02", ["--closed-at", JournalTestSupport.closedAt, "--accept-unterminated"])
        #expect(accepted.code == 0, "\(accepted.err)")
    }

    @Test("16.6: a deals.csv appended to after close read it is refused; nothing written")
    func changedWhileClosing() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        let inputs = try InputLoader.load(planPath: plan, dataDirectory: data.path, console: Console())
        let run = try PayoutCommand.compute(inputs, period: try #require(Period(parsing: "2027-02")), details: false)
        let bytes = try CloseCommand.journalBytes(adding: run, closedAt: JournalTestSupport.closedAt, inputs: inputs)
        try data.appendToDeals("2027-02-10,DLATE,,,direct,A-1040,NORTHEAST,WIDGET,1,1250.00,,USD,,,,,hank")
        let before = SafetyRun.snapshot(data.path)
        do {
            try JournalFileSafety.write(bytes, inputs: inputs, acceptUnterminated: false, crashPoint: nil, console: Console())
            Issue.record("a changed deals.csv was not noticed")
        } catch {
            #expect(error.code == .invalidData)
            #expect(error.message.contains("deals.csv: error: the file changed while close was reading"), "\(error.message)")
        }
        #expect(SafetyRun.snapshot(data.path) == before)
    }

    // MARK: 16.8 — dangling journal, FIFOs, devices

    @Test("16.8: a dangling journal.csv symlink is an error (exit 66), never 'no journal'")
    func danglingJournal() throws {
        let data = try DataFolder()
        symlink("/nonexistent-share/journal.csv", data.journalPath)
        for command in ["payout", "check", "close"] {
            let r = data.cli(command, period: command == "check" ? nil : "2027-02", command == "close" ? ["--closed-at", JournalTestSupport.closedAt] : [])
            #expect(r.code == 66, "\(command): \(r.err)")
            #expect(r.err.contains("journal.csv: error: cannot read journal.csv: is a symbolic link to '/nonexistent-share/journal.csv', which does not exist"), "\(command): \(r.err)")
        }
    }

    @Test("Also: a FIFO or /dev/zero as deals.csv is refused at once (no hang, no unbounded read)")
    func notRegularFiles() throws {
        let data = try DataFolder()
        try FileManager.default.removeItem(atPath: data.dealsPath)
        mkfifo(data.dealsPath, 0o600)
        let fifo = data.cli("check")
        #expect(fifo.code == 66 && fifo.err.contains("deals.csv: error: cannot read deals.csv (the deal ledger): is not a regular file"), "\(fifo.err)")
        try FileManager.default.removeItem(atPath: data.dealsPath)
        symlink("/dev/zero", data.dealsPath)
        let zero = data.cli("check")
        #expect(zero.code == 66 && zero.err.contains("is not a regular file"), "\(zero.err)")
        symlink("/dev/zero", data.path + "/people.csv.zero")
        try FileManager.default.removeItem(atPath: data.path + "/people.csv")
        symlink("/dev/zero", data.path + "/people.csv")
        let people = data.cli("check")
        #expect(people.code == 66 && people.err.contains("people.csv: error: cannot read people.csv (the payees): is not a regular file"), "\(people.err)")
    }

    // MARK: Also — read-only, owned and symlinked journals

    @Test("Also: a read-only journal is refused by close (exit 73), not replaced")
    func readOnlyJournal() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        chmod(data.journalPath, 0o444)
        let before = SafetyRun.snapshot(data.path)
        let r = data.close("2027-02")
        #expect(r.code == 73 && r.err.contains("read-only (mode 444)"), "\(r.err)")
        #expect(SafetyRun.snapshot(data.path) == before)
        var st = stat()
        #expect(stat(data.journalPath, &st) == 0 && st.st_mode & 0o7777 == 0o444)
    }

    @Test("Also: close keeps the journal's owner and group", .enabled(if: geteuid() == 0, "needs root to give the journal another owner"))
    func keepsOwner() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        chown(data.journalPath, 4242, 4343)
        #expect(data.close("2027-02").code == 0)
        var st = stat()
        #expect(stat(data.journalPath, &st) == 0 && st.st_uid == 4242 && st.st_gid == 4343, "uid \(st.st_uid) gid \(st.st_gid)")
    }

    @Test("Also: a journal behind two symlinks gets the month in the shared file; both links stay")
    func symlinkChain() throws {
        let data = try DataFolder()
        let shared = data.root.appendingPathComponent("share")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let real = shared.appendingPathComponent("journal.csv").path
        let hop = data.root.appendingPathComponent("hop.csv").path
        try Data((JournalTestSupport.journalHeader + "\n").utf8).write(to: URL(fileURLWithPath: real))
        symlink(real, hop)
        symlink(hop, data.journalPath)
        data.closeAll(["2027-01", "2027-02"])
        #expect(JournalTable(bytes: Array(FileManager.default.contents(atPath: real) ?? Data())).periods == ["2027-01", "2027-02"])
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: data.journalPath)) == hop)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: hop)) == real)
    }

    // MARK: 16.12 — leftovers

    @Test("16.12: check reports a close's leftover temporary file; the next close removes it")
    func closeLeftover() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        let leftover = data.path + "/.journal.csv.00000000deadbeef.channelcomp-tmp"
        try Data("period,payee_type\n2027-0".utf8).write(to: URL(fileURLWithPath: leftover))
        let check = data.cli("check")
        #expect(check.code == 0)
        #expect(check.err.contains(".journal.csv.00000000deadbeef.channelcomp-tmp: warning: leftover of an interrupted close (24 bytes)"), "\(check.err)")
        let close = data.close("2027-02")
        #expect(close.code == 0 && close.err.contains("removed the leftover of an interrupted close"), "\(close.err)")
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }

    @Test("16.12: a payout --out killed between its renames is restored by the next run; a killed staging folder is removed")
    func outLeftovers() throws {
        let data = try DataFolder()
        let out = data.root.appendingPathComponent("stmts").path
        #expect(data.cli("payout", period: "2027-03", ["--out", out]).code == 0)
        let march = SafetyRun.snapshot(out)
        let args = ["payout", "--plan", plan, "--data", data.path, "--period", "2027-04", "--out", out, "--force"]
        let killed = try SafetyRun.binary(args, environment: ["CHANNELCOMP_CRASH_POINT": "out-between-renames"])
        #expect(killed.code != 0)
        #expect(!FileManager.default.fileExists(atPath: out), "the kill left no \(out)")
        // The next run (refused: no --force) first restores March's folder.
        let next = data.cli("payout", period: "2027-04", ["--out", out])
        #expect(next.err.contains("restored the earlier output folder"), "\(next.err)")
        #expect(next.code == 73)
        #expect(SafetyRun.snapshot(out) == march)
        let hidden = { (try? FileManager.default.contentsOfDirectory(atPath: data.root.path))?.filter { $0.hasPrefix(".stmts.") } ?? [] }
        #expect(hidden().isEmpty, "\(hidden())")
        let staged = try SafetyRun.binary(args, environment: ["CHANNELCOMP_CRASH_POINT": "out-mid-staging"])
        #expect(staged.code != 0)
        #expect(hidden().count == 1, "a .partial staging folder is left by the kill: \(hidden())")
        let again = data.cli("payout", period: "2027-04", ["--out", out, "--force"])
        #expect(again.code == 0 && again.err.contains("removed the staging folder"), "\(again.err)")
        #expect(hidden().isEmpty, "\(hidden())")
    }

    // MARK: Also — --closed-at

    @Test("Also: --closed-at must be a time", arguments: [
        ("yesterday", false), ("2027-02-01T00:00:00Z", true), ("2027-02-01", true), ("2027-02-01T09:30:00.250+02:00", true),
        ("2027-02-30T00:00:00Z", false), ("2027-02-01T24:00:00Z", false), ("2027-02-01T10:00:00", false),
        ("2027-02-01T10:00:00Z,x", false), ("=1+1", false), ("2027-02-01T10:00:00+2:00", false),
    ])
    func closedAt(_ text: String, _ valid: Bool) throws {
        #expect((ClosingTime(parsing: text) != nil) == valid, "\(text)")
        if !valid {
            let data = try DataFolder()
            let r = data.cli("close", period: "2027-01", ["--closed-at", text])
            #expect(r.code == 64 && r.err.contains("option '--closed-at' expects an ISO 8601 time"), "\(r.err)")
            #expect(data.journalBytes() == nil)
        }
    }
}

/// Issue 16.9 and the "Also" list: ids that deceive, and explain's shared ids.
@Suite("Safety: ids and free text (issue 16.9)")
struct IdentifierSafetyTests {
    @Test("SPEC 6 id rule", arguments: [
        ("ann", nil), ("Acme VAR", nil), ("a-b", nil), ("P1", nil), ("а", nil),
        ("=cmd|' /C calc'!A0", "begins with '='"), ("+P1", "begins with '+'"), ("@SUM(1+1)", "begins with '@'"), ("-5", "begins with '-'"),
        ("ann\u{200E}", "U+200E"), ("ann\u{034F}", "U+034F"), ("ann\u{2061}", "U+2061"), ("ann\u{2064}", "U+2064"),
        ("\u{202E}nna", "U+202E"), ("ann\u{FE0F}", "U+FE0F"), ("ann\u{E0100}", "U+E0100"), ("a\u{7}", "U+0007"),
        ("a\u{7F}", "U+007F"), ("a\u{9B}", "U+009B"), ("\u{3164}", "U+3164"), ("a\u{1B}[2J", "U+001B"), ("a\u{A0}b", "U+00A0"),
    ] as [(String, String?)])
    func idRule(_ id: String, _ problem: String?) {
        let found = IdentifierRules.problem(in: id).map { IdentifierRules.message($0, id: id, what: "id") }
        if let problem {
            #expect(found?.contains(problem) == true, "\(id.debugDescription): \(found ?? "accepted")")
        } else {
            #expect(found == nil, "\(id.debugDescription): \(found ?? "")")
        }
    }

    @Test("look-alike keys: case, Cyrillic and Greek letters, fullwidth letters")
    func lookalikes() {
        for pair in [("ann", "Ann"), ("ann", "\u{0430}nn"), ("ann", "ANN"), ("P1", "\u{0420}1"), ("ops", "\u{03BF}ps"), ("ann", "\u{FF41}nn")] {
            #expect(IdentifierRules.lookalikeKey(pair.0) == IdentifierRules.lookalikeKey(pair.1), "\(pair)")
        }
        #expect(IdentifierRules.lookalikeKey("ann") != IdentifierRules.lookalikeKey("anna"))
        let warnings = IdentifierRules.lookalikeWarnings([("ann", 2), ("bob", 3), ("Ann", 4), ("\u{0430}nn", 5)], file: "people.csv", what: "person id")
        #expect(warnings.map(\.line) == [4, 5])
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.message.contains("differs from \"ann\" (line 2)") })
    }

    @Test("the fast path declines every id the full path refuses (same ledger, same messages)")
    func fastPathAgrees() throws {
        let planBytes = Array(try Data(contentsOf: URL(fileURLWithPath: JournalTestSupport.path("Fixtures/spec-example/plan.json"))))
        let plan = try #require(PlanLoader.load(file: "plan.json", bytes: planBytes).0)
        let people = Array("id,name,role,quota,territory\nann,Ann,direct_rep,500000,WEST\ncam,Cam,channel_manager,800000,\n".utf8)
        let partners = Array("id,name,level,manager\nP1,Acme,,cam\n".utf8)
        let (roster, _) = RosterLoader.load(peopleFile: "people.csv", peopleBytes: people, partnersFile: "partners.csv", partnersBytes: partners, plan: plan)
        let header = "deal_id,date,account,territory,product,quantity,unit_list_price,currency,channel,partner,registration,sourced_by,reps,purchase\n"
        for (column, value) in [(0, "=D1"), (0, "D1\u{7}"), (2, "@A1"), (2, "A\u{1B}1"), (3, "WEST\u{7F}"), (3, "+WEST"), (4, "-WIDGET"), (4, "WID\u{200E}GET")] {
            var fields = ["D1", "2027-01-10", "A1", "WEST", "WIDGET", "10", "1000", "USD", "direct", "", "", "", "ann", ""]
            fields[column] = value
            let bytes = Array((header + fields.joined(separator: ",") + "\n").utf8)
            var results: [String] = []
            for fast in [true, false] {
                let (ledger, diagnostics) = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: plan, roster: roster, fastPath: fast)
                #expect(ledger.bookings.count == 0, "\(value.debugDescription) accepted (fast path \(fast))")
                results.append(diagnostics.items.map { $0.render() }.joined(separator: "\n"))
            }
            #expect(results[0] == results[1] && !results[0].isEmpty, "\(value.debugDescription)")
        }
    }

    @Test("payout/audit/compare CSV and the terminal never carry a raw ESC from a name")
    func noRawControlCharacters() throws {
        let data = try DataFolder(copying: "Fixtures/spec-example", plan: JournalTestSupport.path("Fixtures/spec-example/plan.json"))
        let people = try String(contentsOfFile: data.path + "/people.csv", encoding: .utf8)
            .replacingOccurrences(of: "ann,Ann,", with: "ann,\"Ann\u{1B}]0;owned\u{7}\u{1B}[2J\",")
        try people.write(toFile: data.path + "/people.csv", atomically: true, encoding: .utf8)
        let planB = JournalTestSupport.path("Fixtures/spec-example/plan.json")
        for command in [["payout", "--format", "csv"], ["payout"], ["audit", "--format", "csv"], ["audit"], ["explain", "--payee", "ann"],
                        ["compare", "--plan", planB, "--format", "csv"], ["compare", "--plan", planB]] {
            let r = data.cli(command[0], period: "2027-01", Array(command.dropFirst()))
            #expect(r.code == 0, "\(command): \(r.err)")
            #expect(!(r.out + r.err).unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(command): raw control character in the output")
        }
        let explain = data.cli("explain", period: "2027-01", ["--payee", "ann"])
        #expect(explain.out.contains("Ann\u{FFFD}]0;owned"), "explain's renderer shows a replacement character: \(explain.out.prefix(200))")
        let csv = data.cli("payout", period: "2027-01", ["--format", "csv", "--out", data.root.appendingPathComponent("o").path])
        let payroll = try String(contentsOfFile: data.root.appendingPathComponent("o/payouts.csv").path, encoding: .utf8)
        #expect(csv.code == 0 && payroll.contains("person,ann,Ann\\u{1b}]0;owned\\u{7}\\u{1b}[2J,"), "\(payroll)")
    }

    @Test("explain says when a person and a partner share the id; --payee-type picks one")
    func sharedID() throws {
        let data = try DataFolder(copying: "Fixtures/spec-example", plan: JournalTestSupport.path("Fixtures/spec-example/plan.json"))
        let people = try String(contentsOfFile: data.path + "/people.csv", encoding: .utf8) + "P1,Pat,direct_rep,100000,\n"
        try people.write(toFile: data.path + "/people.csv", atomically: true, encoding: .utf8)
        let both = data.cli("explain", period: "2027-01", ["--payee", "P1"])
        #expect(both.code == 0 && both.err.contains("is the id of a person and of a partner"), "\(both.err)")
        #expect(both.out.contains("Explain P1 (Pat) — person") && both.out.contains("Explain P1 (Acme VAR) — partner"))
        let partner = data.cli("explain", period: "2027-01", ["--payee", "P1", "--payee-type", "partner"])
        #expect(partner.code == 0 && partner.err.isEmpty, "\(partner.err)")
        #expect(!partner.out.contains("— person") && partner.out.contains("Explain P1 (Acme VAR) — partner"))
    }

    @Test("16.7: check, payout and close warn about journal rows of a respelled payee")
    func respelledPayee() throws {
        let data = try DataFolder(copying: "Fixtures/spec-example", plan: JournalTestSupport.path("Fixtures/spec-example/plan.json"))
        data.closeAll(["2027-01"])
        // A re-export spells ann as Ann everywhere.
        for file in ["people.csv", "deals.csv"] {
            let text = try String(contentsOfFile: data.path + "/" + file, encoding: .utf8)
                .replacingOccurrences(of: "ann,", with: "Ann,").replacingOccurrences(of: ",ann", with: ",Ann")
            try text.write(toFile: data.path + "/" + file, atomically: true, encoding: .utf8)
        }
        // January paid ann 932.00 (SPEC 7); February earns 19440.00 × 5 % = 972.00 YTD, and since
        // the journal's ann rows are ignored, Ann's payout is the whole 972.00 again.
        for (command, period) in [("check", nil), ("payout", "2027-02"), ("close", "2027-02")] as [(String, String?)] {
            let r = data.cli(command, period: period, command == "close" ? ["--closed-at", JournalTestSupport.closedAt] : [])
            #expect(r.code == 0, "\(command): \(r.err)")
            #expect(r.err.contains("journal rows for person \"ann\" (2027-01; total 932.00 USD) match no row of people.csv"), "\(command): \(r.err)")
            #expect(r.err.contains("people.csv has \"Ann\""), "\(command): \(r.err)")
        }
    }
}
