/// A journal rule broken (SPEC 3.7, 6 "Journal", 8.6) or a guard of `close` that refused.
///
/// Typed, so callers can tell them apart; ``diagnostic(journalFile:)`` gives the located
/// message the CLI prints. Example: `.alreadyClosed(2027-01)` renders as
///
///     data/journal.csv: error: period 2027-01 is already closed: the journal has its rows; nothing was written
///     hint: `channelcomp payout --period 2027-01` re-runs a closed period without writing
public enum JournalError: Error, Sendable, Equatable {
    /// `check`: the journal closes `latest` but not the `missing` months before it in its fiscal year.
    case gap(yearStart: Period, latest: Period, missing: [Period], line: Int?)
    /// `payout`: the fiscal year has closed months before `period`, but not all of them.
    case unsettledGap(period: Period, yearStart: Period, missing: [Period])
    /// `close`: the period already has journal rows.
    case alreadyClosed(Period)
    /// `close`: a later month of the same fiscal year is closed.
    case laterClosed(period: Period, later: Period)
    /// `close`: earlier months of the fiscal year are not closed.
    case earlierOpen(period: Period, yearStart: Period, missing: [Period])
    /// `close`: the plan file differs from the plan recorded for the fiscal year (override:
    /// `--accept-plan-change`).
    case planChanged(period: Period, recorded: RecordedPlan, current: PlanProvenance)
    /// `close`: no deals.csv row and no adjustment is dated in the period (override:
    /// `--allow-empty-period`).
    case emptyPeriod(period: Period, dealsFile: String)
    /// `close`: the plan loaded with warnings (override: `--accept-plan-warnings`).
    case planWarnings(period: Period, planFile: String, warnings: [String])
    /// `close`: the first close of a fiscal year while the previous fiscal year, which has
    /// closed months, still has open ones (override: `--leave-previous-year-open`).
    case previousYearOpen(period: Period, previousYearStart: Period, open: [Period])
    /// `close`: the journal's bytes could not be read as CSV for rewriting.
    case unreadable(reason: String)

    /// The command-line flag that overrides this refusal, if any.
    public var override: String? {
        switch self {
        case .planChanged: return "--accept-plan-change"
        case .emptyPeriod: return "--allow-empty-period"
        case .planWarnings: return "--accept-plan-warnings"
        case .previousYearOpen: return "--leave-previous-year-open"
        default: return nil
        }
    }

    /// The located message, in the project's diagnostic layout.
    public func diagnostic(journalFile file: String) -> Diagnostic {
        func list(_ periods: [Period]) -> String { periods.map(\.description).joined(separator: ", ") }
        switch self {
        case let .gap(start, latest, missing, line):
            return Diagnostic(file: file, line: line, field: "column 'period'",
                message: "the journal closes \(latest) but not \(list(missing)): closed periods of the fiscal year starting \(start) must run from \(start) without a gap",
                hint: "a period is closed by `channelcomp close`; restore the missing period's rows")
        case let .unsettledGap(period, start, missing):
            return Diagnostic(file: file, field: "column 'period'",
                message: "the journal has closed periods of the fiscal year starting \(start) but not \(list(missing)): to pay \(period), every period from \(start) to \(period.advanced(by: -1)) must be closed",
                hint: "close the missing period with `channelcomp close --period \(missing[0])`, or restore its journal rows")
        case let .alreadyClosed(period):
            return Diagnostic(file: file, message: "period \(period) is already closed: the journal has its rows; nothing was written",
                hint: "`channelcomp payout --period \(period)` re-runs a closed period without writing")
        case let .laterClosed(period, later):
            return Diagnostic(file: file, message: "cannot close \(period): the later period \(later) of the same fiscal year is already closed; nothing was written")
        case let .earlierOpen(period, start, missing):
            let many = missing.count != 1
            return Diagnostic(file: file,
                message: "cannot close \(period): earlier period\(many ? "s" : "") \(list(missing)) of the fiscal year starting \(start) \(many ? "are" : "is") not closed; nothing was written",
                hint: "close \(missing[0]) first (the first close of a fiscal year is its first month)")
        case let .planChanged(period, recorded, current):
            return Diagnostic(file: file, line: recorded.line, field: "column 'plan_sha256'",
                message: "cannot close \(period): the plan file differs from the plan recorded for this fiscal year: \(quoted(recorded.plan.name)) (sha256 \(recorded.plan.shortHash)…), closed \(recorded.month); this plan is \(quoted(current.name)) (sha256 \(current.shortHash)…); nothing was written",
                hint: "a plan change re-rates the whole year to date through the true-up; if that is intended, close again with --accept-plan-change (later closes under the new plan need no flag)")
        case let .emptyPeriod(period, dealsFile):
            return Diagnostic(file: dealsFile,
                message: "cannot close \(period): no deals.csv row and no adjustment is dated in \(period); nothing was written",
                hint: "a month without a single ledger row is usually a missing export; if the month really had no activity, close again with --allow-empty-period")
        case let .planWarnings(period, planFile, warnings):
            return Diagnostic(file: planFile,
                message: "cannot close \(period): the plan has \(warnings.count) warning\(warnings.count == 1 ? "" : "s") (\(warnings.joined(separator: "; "))); nothing was written",
                hint: "fix the plan (e.g. write \"10%\" rather than \"10\"), or, if it is meant as written, close again with --accept-plan-warnings")
        case let .previousYearOpen(period, previousStart, open):
            return Diagnostic(file: file,
                message: "cannot close \(period): it opens a new fiscal year while the fiscal year starting \(previousStart) has open months \(list(open)); nothing was written",
                hint: "close the open months first (their late rows would otherwise never be paid), or, if they are to stay open, close again with --leave-previous-year-open")
        case let .unreadable(reason):
            return Diagnostic(file: file, message: "cannot rewrite the journal: \(reason); nothing was written")
        }
    }
}
