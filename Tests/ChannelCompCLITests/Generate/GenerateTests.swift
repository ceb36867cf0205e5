import ChannelCompCLI
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
}
