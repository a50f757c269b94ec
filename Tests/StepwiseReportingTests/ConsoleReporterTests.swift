import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

/// Collects what a console reporter writes.
final class CapturedOutput {
    var text = ""
}

@Suite struct ConsoleReporterTests {
    private func render(
        options: ReporterOptions, environment: [String: String] = [:], events: [Event]? = nil
    ) throws -> String {
        let captured = CapturedOutput()
        let reporter = ConsoleReporter(destination: .standardOutput, options: options, environment: environment) {
            captured.text += $0
        }
        try reporter.consume(events ?? ReportFixtures.events("mixed-run.ndjson"))
        return captured.text
    }

    @Test("the summary lists every case, step and item with timing, failures and counts")
    func summaryGolden() throws {
        let text = try render(options: ReporterOptions(color: false, live: false))
        try ReportFixtures.expectGolden(text, "console-summary.txt")
        #expect(
            text.contains("specs/zephyr/MM-T938.md:36:3: failed: expected every device to be logged out within 30 s"))
        #expect(text.contains("raised at: Sources/MattermostSteps/MattermostSteps+Expectations.swift:98:13"))
        #expect(text.contains("note: Chrome on Mac: redirected after 7.4 s"))
        #expect(
            text.hasSuffix(
                "2 passed, 1 failed, 1 undefined, 1 manual, 1 skipped, 1 flaky in 850 ms wall, 5 min 32.8 s virtual\n"))
        #expect(!text.contains("\u{1B}[3"))
    }

    @Test("every piece of spec text in the summary is shown with control pictures: folder, key, path")
    func escapesSpecText() throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        for index in run.cases.indices {
            run.cases[index].key += "\u{1B}]0;owned\u{07}"
            run.cases[index].folder = ["Evil\u{1B}[2J"]
            run.cases[index].location.file = "specs/\u{1B}[31mred.md"
            for step in run.cases[index].steps.indices {
                for item in run.cases[index].steps[step].items.indices {
                    run.cases[index].steps[step].items[item].location.file = "specs/\u{1B}[31mred.md"
                }
            }
        }
        let text = ConsoleSummary(style: ConsoleStyle(enabled: false)).render(run)
        #expect(!text.contains("\u{1B}"), "no raw escape reaches the terminal")
        #expect(!text.contains("\u{07}"))
        #expect(text.contains("Evil␛[2J"))
        #expect(text.contains("specs/␛[31mred.md"))
    }

    @Test("live progress prints one counted line per finished case, and a retry as a retry, not counted")
    func liveProgress() throws {
        let text = try render(options: ReporterOptions(color: false, live: true))
        try ReportFixtures.expectGolden(text, "console-live.txt")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "[1/7] ✘ MM-T938: Users - Revoke a user's sessions (360 ms wall, 31.70 s virtual)")
        #expect(lines.contains { $0 == "[2/7] ✔ MM-T100: Log in with SAML — café, 日本語 and ✓ in names (150 ms wall, 500 ms virtual)" })
        #expect(
            lines.contains {
                $0.hasPrefix("      ↻ MM-T200: Session expires after idle timeout failed on attempt 1, retrying")
            })
        #expect(lines.contains { $0.hasPrefix("[3/7] ✔ MM-T200") && $0.hasSuffix("flaky: passed on attempt 2") })
    }

    @Test(
        "colour only when asked for and NO_COLOR is unset",
        arguments: [
            (true, [String: String](), true),
            (true, ["NO_COLOR": "1"], false),
            (true, ["NO_COLOR": ""], true),
            (false, [String: String](), false),
        ])
    func colour(asked: Bool, environment: [String: String], coloured: Bool) throws {
        let text = try render(options: ReporterOptions(color: asked, live: true), environment: environment)
        #expect(text.contains("\u{1B}[31m✘\u{1B}[0m") == coloured)
    }

    @Test(
        "colour: --color always or never first, then FORCE_COLOR, NO_COLOR, TERM=dumb, then whether it is a terminal",
        arguments: [
            (ColorChoice.always, false, ["NO_COLOR": "1", "TERM": "dumb"], true),
            (.never, true, ["FORCE_COLOR": "1"], false),
            (.auto, false, ["FORCE_COLOR": "1"], true),
            (.auto, false, ["FORCE_COLOR": ""], true),
            (.auto, true, ["FORCE_COLOR": "0"], false),
            (.auto, true, ["FORCE_COLOR": "false"], false),
            (.auto, false, ["FORCE_COLOR": "3", "NO_COLOR": "1"], true),
            (.auto, true, ["TERM": "dumb"], false),
            (.auto, true, ["TERM": "xterm-256color"], true),
            (.auto, false, [:], false),
        ] as [(ColorChoice, Bool, [String: String], Bool)])
    func colourChoice(choice: ColorChoice, terminal: Bool, environment: [String: String], coloured: Bool) throws {
        #expect(choice.enabled(terminal: terminal, environment: environment) == coloured)
        let text = try render(options: ReporterOptions(color: terminal, live: true, colorChoice: choice), environment: environment)
        #expect(text.contains("\u{1B}[31m✘\u{1B}[0m") == coloured)
    }

    @Test("the colour variables are read from the process's environment, those three and nothing else")
    func colourVariablesFromTheProcess() {
        let names: Set = ["FORCE_COLOR", "NO_COLOR", "TERM"]
        #expect(ColorChoice.processEnvironment == ProcessInfo.processInfo.environment.filter { names.contains($0.key) })
    }

    @Test("an undefined item says once why it is undefined, with its snippet, and names no definition")
    func undefinedSaysWhyOnce() throws {
        let text = try render(options: ReporterOptions(color: false, live: false))
        let start = try #require(text.range(of: "? The header shows the new name"))
        let rest = text[start.lowerBound...]
        let block = String(rest.range(of: "\n\n").map { rest[..<$0.lowerBound] } ?? rest)
        #expect(block.components(separatedBy: "no definition matches").count - 1 == 1, "\(block)")
        #expect(block.contains("add a definition:"))
        #expect(!block.contains("definition: "))
    }

    @Test("a binding made of phrases is described by each definition at its own location")
    func combinedBindingText() {
        let first = SourceLocation(file: "Steps.swift", line: 9, column: 1)
        let second = SourceLocation(file: "More.swift", line: 30, column: 1)
        let definition = BindingInfo.Definition(
            expression: "open the menu + click {word}", location: first,
            phrases: [.init(expression: "open the menu", location: first), .init(expression: "click {word}", location: second)])
        #expect(ReportText.binding(.matched(definition)) == "“open the menu” at Steps.swift:9:1 + “click {word}” at More.swift:30:1")
        #expect(ReportText.binding(.manual(definition)).hasPrefix("manual: “open the menu” at Steps.swift:9:1 + "))
        let one = BindingInfo.Definition(expression: "open the menu", location: first)
        #expect(ReportText.binding(.matched(one)) == "“open the menu” at Steps.swift:9:1")
    }

    @Test("--quiet prints no progress and no tree: the failures, the diagnostics and the counts")
    func quiet() throws {
        let text = try render(options: ReporterOptions(live: true, quiet: true))
        #expect(!text.contains("[1/7]"))
        #expect(!text.contains("Step 1"))
        #expect(!text.contains("Stepwise run "))
        #expect(text.hasPrefix("\nFailures:\n  specs/zephyr/MM-T938.md:36:3: failed: MM-T938 2.e1: expected every device"))
        #expect(text.hasSuffix("2 passed, 1 failed, 1 undefined, 1 manual, 1 skipped, 1 flaky in 850 ms wall, 5 min 32.8 s virtual\n"))
    }

    @Test("--durations N lists the N slowest items after the counts, slowest first; 0 lists every item that ran")
    func durations() throws {
        let text = try render(options: ReporterOptions(durations: 2))
        let counts = try #require(text.range(of: "1 flaky in 850 ms wall"))
        let tail = String(text[counts.upperBound...])
        #expect(tail.contains("\nSlowest 2 of "))
        let rows = tail.split(separator: "\n").drop { !$0.hasPrefix("Slowest") }.dropFirst().map(String.init)
        #expect(rows.count == 2)
        #expect(rows[0].hasPrefix("  210 ms wall, 1.50 s virtual  specs/zephyr/MM-T938.md:"), "by wall time")
        #expect(rows[0].contains("  MM-T938 1.i1  "))
        #expect(rows[1].contains("  MM-T100 1.i1  "))
        let every = try render(options: ReporterOptions(durations: 0))
        let all = every.split(separator: "\n").drop { !$0.hasPrefix("Slowest") }
        #expect(all.first?.hasPrefix("Slowest \(all.count - 1) of \(all.count - 1) items:") == true)
        #expect(!(try render(options: ReporterOptions())).contains("Slowest"))
    }

    @Test("to a file, only the summary is written, atomically and without colour")
    func toFile() throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out/summary.txt").path
        let reporter = try Reporters.make(.console, destination: .path(path), options: .init(color: true, live: true))
        try reporter.consume(ReportFixtures.events("mixed-run.ndjson"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == (try render(options: .init())))
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("out").path)
        #expect(leftovers == ["summary.txt"])
    }

    @Test("a stream that stops early says so")
    func incomplete() throws {
        let events = try ReportFixtures.events("mixed-run.ndjson").dropLast()
        let text = try render(options: .init(), events: Array(events))
        #expect(text.contains("The run did not finish"))
    }
}
