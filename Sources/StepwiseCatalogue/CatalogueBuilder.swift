import Foundation
import StepwiseBinding
import StepwiseModel
import StepwiseParsing

/// Builds a ``Catalogue`` from spec files, binding each case against the loaded libraries.
package struct CatalogueBuilder {
    /// The export fields that say whether a case is automated, and by what.
    package static let automationTools = ["Cypress", "Playwright", "Detox", "Selenium", "MMCTL", "Rainforest"]
    /// The export field that lists where a case is tested by hand.
    package static let environmentField = "Manual Test Environments"

    private let binder: Binder
    private let phraseLimit: Int
    private var catalogue: Catalogue
    /// Unbound texts with how often they occur, where, and when each was first seen.
    private var phrases: [PhraseKey: (occurrences: Int, examples: [String], firstSeen: Int)] = [:]
    /// For each automation tool, how many cases say it runs them in production.
    private var inProduction: [String: Int] = [:]

    /// An unbound text and its item kind, hashed on the thread that read the case rather than at
    /// every lookup on the one thread that gathers the cases.
    private typealias PhraseKey = ItemTextKey

    /// - Parameters:
    ///   - libraries: the step libraries whose coverage to measure (none: everything is unbound).
    ///   - sources: the paths as given, recorded in the catalogue.
    ///   - phraseLimit: how many unbound phrases to keep.
    package init(libraries: [any StepLibrary], sources: [String], phraseLimit: Int = 25) {
        self.binder = Binder(libraries: libraries)
        self.phraseLimit = phraseLimit
        self.catalogue = Catalogue(
            sources: sources, totals: .init(), cases: [], byFolder: [], byPriority: [], byStatus: [], byLabel: [],
            byEnvironment: [], automationFields: [], unboundPhrases: [], diagnostics: [], drift: [])
    }

    /// Reads every spec under `paths` (twins counted once) into a catalogue.
    package static func build(paths: [String], libraries: [any StepLibrary], phraseLimit: Int = 25) -> Catalogue {
        var builder = CatalogueBuilder(libraries: libraries, sources: paths, phraseLimit: phraseLimit)
        let collection = SpecCollection(paths: paths, twins: .dropped)
        for diagnostic in collection.diagnostics { builder.add(diagnostic) }
        builder.catalogue.totals.twins = collection.twins.count
        // Binding is most of a report's time: each case is bound and summed up on the thread that
        // read it, and only its summary is added here, in path order, while others are read.
        let binder = builder.binder
        collection.read(transform: { Self.summary(of: $0, binder: binder) }) { builder.add($0) }
        builder.catalogue.totals.files = collection.files.count + collection.twins.count
        return builder.build()
    }

    /// Adds a problem that belongs to no case (a missing path, an empty directory).
    package mutating func add(_ diagnostic: Diagnostic) {
        catalogue.diagnostics.append(.init(key: nil, diagnostic: diagnostic))
    }

    /// Adds one read file.
    package mutating func add(_ file: SpecFile) { add(Self.summary(of: file, binder: binder)) }

    /// What one read file adds to the catalogue, made without the catalogue (on any thread).
    private struct FileSummary: Sendable {
        var totals = Catalogue.Totals()
        var entry: Catalogue.Entry?
        var diagnostics: [Catalogue.FileDiagnostic] = []
        var drifted = false
        /// The texts of the items no definition binds, in the case's order.
        var unbound: [PhraseKey] = []
        /// The automation tools whose field says they run the case in production.
        var inProduction: [String] = []
    }

    private static func summary(of file: SpecFile, binder: Binder) -> FileSummary {
        var summary = FileSummary()
        let reported = file.diagnostics.filter { $0.severity >= .warning }
        guard let testCase = file.testCase else {
            summary.totals.unreadable = 1
            summary.diagnostics = reported.map { .init(key: nil, diagnostic: $0) }
            return summary
        }
        let bound = binder.bind(testCase, caseID: testCase.key)
        let binding = bound.diagnostics.filter { $0.severity >= .warning }
        summary.diagnostics = (reported + binding).map { .init(key: testCase.key, diagnostic: $0) }
        summary.drifted = bound.diagnostics.contains { $0.code == .bindingDrift }
        if file.hasErrors { summary.totals.casesWithErrors = 1 }

        var items = 0
        var boundItems = 0
        for step in bound.steps {
            var stepBound = !step.items.isEmpty
            for item in step.items {
                items += 1
                switch item.plan.binding.state {
                case .matched:
                    boundItems += 1
                case .manual:
                    summary.totals.manualItems += 1
                    stepBound = false
                case .undefined, .ambiguous:
                    stepBound = false
                    let text = Self.collapsingWhitespace(item.plan.text)
                    if !text.isEmpty { summary.unbound.append(PhraseKey(kind: item.plan.kind, text: text)) }
                }
            }
            if stepBound { summary.totals.boundSteps += 1 }
        }
        summary.totals.cases = 1
        summary.totals.steps = bound.steps.count
        summary.totals.items = items
        summary.totals.boundItems = boundItems
        if items > 0 && boundItems == items { summary.totals.boundCases = 1 }

        var automation: [String: String] = [:]
        for tool in Self.automationTools {
            if let value = testCase.field(tool)?.plainText, !value.isEmpty {
                automation[tool] = value
                if value.lowercased().contains("in production") { summary.inProduction.append(tool) }
            }
        }
        summary.entry = Catalogue.Entry(
            key: testCase.key, title: testCase.title, source: file.path, format: testCase.format,
            folder: testCase.folder, priority: testCase.priority, status: testCase.status,
            labels: testCase.labels, environments: Self.environments(of: testCase), automation: automation,
            steps: bound.steps.count, items: items, boundItems: boundItems,
            diagnostics: reported.count + binding.count, drift: summary.drifted)
        return summary
    }

    private mutating func add(_ summary: FileSummary) {
        catalogue.totals.add(summary.totals)
        catalogue.diagnostics += summary.diagnostics
        guard let entry = summary.entry else { return }
        if summary.drifted { catalogue.drift.append(entry.key) }
        for phrase in summary.unbound { notePhrase(phrase, in: entry.key) }
        for tool in summary.inProduction { inProduction[tool, default: 0] += 1 }
        catalogue.cases.append(entry)
    }

    private mutating func notePhrase(_ phraseKey: PhraseKey, in key: String) {
        if let index = phrases.index(forKey: phraseKey) {
            // Changed in place: one lookup, and the examples are not copied.
            Self.count(key, in: &phrases.values[index])
        } else {
            phrases[phraseKey] = (1, [key], phrases.count)
        }
    }

    private static func count(_ key: String, in entry: inout (occurrences: Int, examples: [String], firstSeen: Int)) {
        entry.occurrences += 1
        if entry.examples.count < 5 && entry.examples.last != key { entry.examples.append(key) }
    }

    /// Runs of whitespace as one space, none at the ends: item texts that differ only in spacing are one phrase.
    static func collapsingWhitespace(_ text: String) -> String {
        if isCollapsed(text) { return text }
        // Written as UTF-8 bytes: appending to a string's scalar view costs far more a scalar.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Unicode's White_Space, answered for ASCII without looking the scalar's properties up.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// Whether `text` has no whitespace but single spaces between words: most item texts, kept as
    /// they are without making a copy.
    static func isCollapsed(_ text: String) -> Bool {
        var afterSpace = true
        for scalar in text.unicodeScalars {
            if scalar == " " {
                if afterSpace { return false }
                afterSpace = true
            } else if isWhitespace(scalar) {
                return false
            } else {
                afterSpace = false
            }
        }
        return !afterSpace || text.isEmpty
    }

    static func environments(of testCase: TestCase) -> [String] {
        guard let field = testCase.field(environmentField) else { return [] }
        return field.plainText.split { $0 == "," || $0 == "\n" }
            .map { hasEdgeSpace($0) ? $0.trimmingCharacters(in: .whitespaces) : String($0) }
            .filter { !$0.isEmpty }
    }

    /// Whether trimming `.whitespaces` could change `text`: not when it starts and ends with an
    /// ASCII scalar other than a space or a tab, which is most names, told without Foundation.
    private static func hasEdgeSpace(_ text: Substring) -> Bool {
        func mayBeSpace(_ scalar: Unicode.Scalar) -> Bool { !scalar.isASCII || scalar == " " || scalar == "\t" }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return mayBeSpace(first) || mayBeSpace(last)
    }

    /// The finished catalogue, with every count sorted most frequent first (ties by name).
    package func build() -> Catalogue {
        var result = catalogue
        let cases = result.cases
        result.byFolder = Self.counts(cases.map { [$0.folder.isEmpty ? "(no folder)" : $0.folder.joined(separator: " / ")] })
        result.byPriority = Self.counts(cases.map { [$0.priority ?? "(none)"] })
        result.byStatus = Self.counts(cases.map { [$0.status ?? "(none)"] })
        result.byLabel = Self.counts(cases.map(\.labels))
        result.byEnvironment = Self.counts(cases.map { $0.environments.isEmpty ? ["(none)"] : $0.environments })
        result.automationFields = Self.automationTools.map { tool in
            let values = cases.map { [$0.automation[tool] ?? "(empty)"] }
            return Catalogue.ToolCoverage(tool: tool, inProduction: inProduction[tool] ?? 0, values: Self.counts(values))
        }
        // Stable: most frequent first, then first seen.
        result.unboundPhrases = phrases
            .sorted { lhs, rhs in
                lhs.value.occurrences != rhs.value.occurrences
                    ? lhs.value.occurrences > rhs.value.occurrences : lhs.value.firstSeen < rhs.value.firstSeen
            }
            .prefix(phraseLimit)
            .map { Catalogue.Phrase(text: $0.key.text, kind: $0.key.kind, occurrences: $0.value.occurrences, examples: $0.value.examples) }
        return result
    }

    static func counts(_ groups: [[String]]) -> [Catalogue.Count] {
        var counts: [String: Int] = [:]
        for group in groups {
            // Most groups are one name (a folder, a priority): no set to make.
            if group.count == 1 {
                counts[group[0], default: 0] += 1
            } else {
                for name in Set(group) { counts[name, default: 0] += 1 }
            }
        }
        return counts.map { Catalogue.Count(name: $0.key, cases: $0.value) }
            .sorted { $0.cases != $1.cases ? $0.cases > $1.cases : $0.name < $1.name }
    }
}

extension Catalogue.Totals {
    /// Adds every count of `other` (`files` and `twins` as well, which one file does not set).
    mutating func add(_ other: Catalogue.Totals) {
        files += other.files
        twins += other.twins
        cases += other.cases
        steps += other.steps
        items += other.items
        boundItems += other.boundItems
        manualItems += other.manualItems
        boundSteps += other.boundSteps
        boundCases += other.boundCases
        casesWithErrors += other.casesWithErrors
        unreadable += other.unreadable
    }
}
