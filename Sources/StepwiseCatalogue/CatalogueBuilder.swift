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

    private struct PhraseKey: Hashable {
        var kind: ItemPlan.Kind
        var text: String
    }

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
        let specs = collection.readAll()
        // Binding is most of a report's time: bind every case at once, then add them in order.
        let cases = specs.compactMap { spec in spec.testCase.map { (testCase: $0, caseID: $0.key) } }
        var bound = builder.binder.bind(cases, jobs: SpecReader.defaultJobs)[...]
        for spec in specs { builder.add(spec, bound: spec.testCase == nil ? nil : bound.popFirst()) }
        builder.catalogue.totals.files = collection.files.count + collection.twins.count
        return builder.build()
    }

    /// Adds a problem that belongs to no case (a missing path, an empty directory).
    package mutating func add(_ diagnostic: Diagnostic) {
        catalogue.diagnostics.append(.init(key: nil, diagnostic: diagnostic))
    }

    /// Adds one read file.
    package mutating func add(_ file: SpecFile) { add(file, bound: nil) }

    /// Adds one read file whose case is already bound (`nil`: bind it here).
    private mutating func add(_ file: SpecFile, bound: BoundCase?) {
        let reported = file.diagnostics.filter { $0.severity >= .warning }
        guard let testCase = file.testCase else {
            catalogue.totals.unreadable += 1
            catalogue.diagnostics += reported.map { .init(key: nil, diagnostic: $0) }
            return
        }
        let bound = bound ?? binder.bind(testCase, caseID: testCase.key)
        let binding = bound.diagnostics.filter { $0.severity >= .warning }
        catalogue.diagnostics += (reported + binding).map { .init(key: testCase.key, diagnostic: $0) }
        let drifted = bound.diagnostics.contains { $0.code == .bindingDrift }
        if drifted { catalogue.drift.append(testCase.key) }
        if file.hasErrors { catalogue.totals.casesWithErrors += 1 }

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
                    catalogue.totals.manualItems += 1
                    stepBound = false
                case .undefined, .ambiguous:
                    stepBound = false
                    notePhrase(item.plan, in: testCase.key)
                }
            }
            if stepBound { catalogue.totals.boundSteps += 1 }
        }
        catalogue.totals.cases += 1
        catalogue.totals.steps += bound.steps.count
        catalogue.totals.items += items
        catalogue.totals.boundItems += boundItems
        if items > 0 && boundItems == items { catalogue.totals.boundCases += 1 }

        var automation: [String: String] = [:]
        for tool in Self.automationTools {
            if let value = testCase.field(tool)?.plainText, !value.isEmpty { automation[tool] = value }
        }
        catalogue.cases.append(
            Catalogue.Entry(
                key: testCase.key, title: testCase.title, source: file.path, format: testCase.format,
                folder: testCase.folder, priority: testCase.priority, status: testCase.status,
                labels: testCase.labels, environments: Self.environments(of: testCase), automation: automation,
                steps: bound.steps.count, items: items, boundItems: boundItems,
                diagnostics: reported.count + binding.count, drift: drifted))
    }

    private mutating func notePhrase(_ item: ItemPlan, in key: String) {
        let text = Self.collapsingWhitespace(item.text)
        guard !text.isEmpty else { return }
        let phraseKey = PhraseKey(kind: item.kind, text: text)
        if var entry = phrases[phraseKey] {
            entry.occurrences += 1
            if entry.examples.count < 5 && entry.examples.last != key { entry.examples.append(key) }
            phrases[phraseKey] = entry
        } else {
            phrases[phraseKey] = (1, [key], phrases.count)
        }
    }

    /// Runs of whitespace as one space, none at the ends: item texts that differ only in spacing are one phrase.
    static func collapsingWhitespace(_ text: String) -> String {
        if isCollapsed(text) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Unicode's White_Space, answered for ASCII without looking the scalar's properties up.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// Whether `text` is ASCII with no whitespace but single spaces between words: most item texts,
    /// kept as they are without looking up each scalar's properties.
    static func isCollapsed(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            // Outside ASCII, and at tabs, line breaks and other control characters, take the long way.
            guard byte >= 0x20, byte < 0x7F, byte != 0x20 || previous != 0x20 else { return false }
            previous = byte
        }
        return previous != 0x20 || text.isEmpty
    }

    static func environments(of testCase: TestCase) -> [String] {
        guard let field = testCase.field(environmentField) else { return [] }
        return field.plainText.split { $0 == "," || $0 == "\n" }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
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
            let inProduction = cases.filter { $0.automation[tool]?.lowercased().contains("in production") == true }.count
            return Catalogue.ToolCoverage(tool: tool, inProduction: inProduction, values: Self.counts(values))
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
            for name in Set(group) { counts[name, default: 0] += 1 }
        }
        return counts.map { Catalogue.Count(name: $0.key, cases: $0.value) }
            .sorted { $0.cases != $1.cases ? $0.cases > $1.cases : $0.name < $1.name }
    }
}
