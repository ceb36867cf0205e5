import TextSuggestions
import ArgumentParsing
import ChannelComp

/// `channelcomp explain`: every number of one payee's payout as a tree down to deal rows and
/// plan rules; the tree is checked (sums hold, the root equals the summary's payout).
///
/// An id that is neither a person nor a partner → exit 64 (a usage error) with a did-you-mean hint; a tree
/// that fails its own check (a bug) is printed with the failures and exits 1.
enum ExplainCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        let period = try ChannelCompCLI.period(args)
        let dataDirectory = args.value("data") ?? "."
        let payee = args.value("payee") ?? ""
        let inputs = try RunSetup.load(args, console: console)
        let run = try PayoutCommand.compute(inputs, period: period, details: true, console: console)
        for w in inputs.warnings { console.error(w.render()) }
        var traces: [PayeeTrace]
        do {
            traces = try Explain.trace(payee: payee, run: run, plan: inputs.plan, roster: inputs.roster,
                                       ledger: inputs.ledger, journal: inputs.journal)
        } catch {
            if case .unknownPayee = error { throw unknownPayee(payee, run: run, inputs: inputs) }
            throw CommandFailure(.invalidData, "\(inputs.ledger.file): error: \(error)")
        }
        // An id both a person and a partner has: say so, and let --payee-type pick one.
        if let type = args.value("payee-type") {
            traces = traces.filter { $0.payeeType.rawValue == type }
            if traces.isEmpty {
                throw CommandFailure(.invalidData, "error: option '--payee': no \(type) has id \(quoted(payee)) (it is a \(type == "person" ? "partner" : "person")'s id)")
            }
        } else if traces.count > 1 {
            console.error("warning: \(quoted(payee)) is the id of a person and of a partner: both are explained below (person first)\nhint: --payee-type person or --payee-type partner explains one")
        }
        console.print(ExplainRenderer.render(traces, format: args.value("format") ?? "text", planFile: inputs.planFile,
                                             dataDirectory: dataDirectory), terminator: "")
        let problems = traces.flatMap { $0.verify() }
        if !problems.isEmpty {
            throw CommandFailure(.failure, "error: the trace does not add up (a bug in channelcomp; please report it):\n"
                + problems.map { "  " + $0 }.joined(separator: "\n"))
        }
    }

    static func unknownPayee(_ id: String, run: PayoutRun, inputs: Inputs) -> CommandFailure {
        let files = [inputs.roster.peopleFile] + (inputs.roster.partnersFile.map { [$0] } ?? [])
        var message = "error: option '--payee': no person or partner has id '\(id)' (looked in \(files.joined(separator: " and ")))"
        if let guess = Suggestions.closest(to: id, among: Explain.payeeIDs(run)) {
            message += "\nhint: did you mean '\(guess)'?"
        } else {
            message += "\nhint: payee ids are the id column of people.csv and partners.csv"
        }
        return CommandFailure(.usage, message)
    }
}
