import Foundation
import StepwiseModel

/// Wording shared by the text reports, so the console, Markdown and HTML say the same thing the same way.
enum ReportText {
    /// `0.4 ms`, `250 ms`, `12.40 s`, `2 min 05.0 s`: milliseconds below a second (so short items
    /// do not all read `0.00 s`), fixed decimals, so reports of the same run are identical.
    /// Beyond a year (`4.2e+12 s`) the figure is shown in scientific notation, which also keeps
    /// any finite value a stream may carry from trapping a conversion to `Int`.
    static func seconds(_ value: Double) -> String {
        let value = value.isNaN ? 0 : max(0, value)
        if value == 0 { return "0 ms" }
        if value < 0.0095 { return fixed(value * 1000, decimals: 1) + " ms" }
        if value < 0.9995 { return fixed(value * 1000, decimals: 0) + " ms" }
        if value < 60 { return fixed(value, decimals: 2) + " s" }
        if value >= 31_536_000 { return String(format: "%.2g s", value) }
        let minutes = Int(value / 60)
        return String(format: "%d min %04.1f s", minutes, value - Double(minutes) * 60)
    }

    /// `value` (not negative, below a million) with `decimals` digits after the point, as
    /// `String(format: "%.2f")` writes it: formatting through `String(format:)` boxes its arguments
    /// and looks up their conformances, which cost a one-case run more than its other console
    /// text. A value next to halfway between two results, where the multiplication's rounding
    /// could decide otherwise than `printf`'s exact rounding, is left to `String(format:)`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = [1.0, 10, 100][decimals]
        let scaled = value * scale
        let fraction = scaled - scaled.rounded(.down)
        guard value < 1_000_000, abs(fraction - 0.5) > 1e-6 else { return String(format: "%.\(decimals)f", value) }
        let units = Int(scaled.rounded())
        guard decimals > 0 else { return String(units) }
        let whole = String(units / Int(scale))
        let part = String(units % Int(scale))
        return whole + "." + String(repeating: "0", count: decimals - part.count) + part
    }

    /// `1.20 s wall, 30.00 s virtual`; a real clock shows one figure.
    static func timing(_ timing: Timing, clock: ClockKind) -> String {
        if clock == .real { return seconds(timing.wall) }
        return "\(seconds(timing.wall)) wall, \(seconds(timing.virtual)) virtual"
    }

    static func symbol(_ status: Status) -> String {
        switch status {
        case .passed: "✔"
        case .failed: "✘"
        case .skipped: "–"
        case .undefined: "?"
        case .ambiguous: "‼"
        case .manual: "✋"
        }
    }

    /// The order summaries list statuses in: the outcomes people look for first.
    static let countOrder: [Status] = [.passed, .failed, .ambiguous, .undefined, .manual, .skipped]

    /// `2 passed, 1 failed, 1 flaky`: only the statuses that occur, `0 cases` for an empty run.
    static func counts(_ run: RunRecord) -> String {
        var parts = countOrder.compactMap { status in
            let count = run.count(of: status)
            return count > 0 ? "\(count) \(status.rawValue)" : nil
        }
        if run.flakyCount > 0 { parts.append("\(run.flakyCount) flaky") }
        return parts.isEmpty ? "0 cases" : parts.joined(separator: ", ")
    }

    /// The folder as a path, or a stand-in for cases at the root.
    static func folderPath(_ folder: [String]) -> String {
        folder.isEmpty ? "(no folder)" : folder.joined(separator: " / ")
    }

    /// `Step 2` or `Step 2 (calls MM-T3425: Name)`.
    static func stepTitle(_ step: StepRecord) -> String {
        guard let call = step.call else { return "Step \(step.number)" }
        return "Step \(step.number) (calls \(call.key)\(call.name.map { ": \($0)" } ?? ""))"
    }

    /// The definition an item is bound to, as `expression` at `file:line:col`, or why there is none.
    static func binding(_ binding: BindingInfo) -> String {
        switch binding {
        case .matched(let definition):
            located(definition)
        case .manual(let definition):
            "manual: " + located(definition)
        case .undefined:
            "no definition matches"
        case .ambiguous(let candidates):
            "ambiguous: " + candidates.map { "“\($0.expression)” at \($0.location)" }.joined(separator: "; ")
        }
    }

    /// Each definition of a binding at its location, joined by " + " for one made of phrases.
    static func located(_ definition: BindingInfo.Definition) -> String {
        definition.parts.map { "“\($0.expression)” at \($0.location)" }.joined(separator: " + ")
    }

    /// Folds a multi-line message onto one line for places that cannot show line breaks.
    static func oneLine(_ text: String) -> String {
        // Most text has no line break: it is kept as it is, without splitting it into characters.
        guard hasLineBreak(text) else { return printable(text) }
        return printable(text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ "))
    }

    /// Whether `text` has a character `Character.isNewline` is true of: U+000A to U+000D, U+0085,
    /// U+2028 or U+2029 (found by their UTF-8 bytes).
    static func hasLineBreak(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                switch bytes[index] {
                case 0x0A...0x0D: return true
                case 0x85: if index >= 1, bytes[index - 1] == 0xC2 { return true }
                case 0xA8, 0xA9: if index >= 2, bytes[index - 2] == 0xE2, bytes[index - 1] == 0x80 { return true }
                default: break
                }
            }
            return false
        }
    }

    /// Text with control characters other than line breaks and tabs shown as Unicode control
    /// pictures (`␛`), so a spec or a message cannot drive the terminal or corrupt a file.
    static func printable(_ text: String) -> String { text.showingControlCharacters }
}
