import StepwiseModel

extension Binder {
    /// Binds every item of `testCase`; `caseID` names it in events. Runs bind through
    /// ``plan(_:diagnostics:)``, which makes the IDs.
    package func bind(_ testCase: TestCase, caseID: String) -> BoundCase {
        var steps: [BoundStep] = []
        steps.reserveCapacity(testCase.steps.count)
        var usedStepIDs: Set<String> = []
        var hasher = Fingerprint()
        for (stepIndex, step) in testCase.steps.enumerated() {
            hasher.add(step)
            var stepID = step.number.isEmpty ? "\(stepIndex + 1)" : step.number
            if !usedStepIDs.insert(stepID).inserted { stepID = "\(stepIndex + 1)" }
            var items: [BoundItem] = []
            // Made at its size: a bound item is large, and growing the array moves every one.
            items.reserveCapacity(max(step.instructions.count, 1) + step.expectations.count)
            var instructions = step.instructions
            if instructions.isEmpty, let call = step.call {
                // A step that calls another case binds like an instruction saying so.
                instructions = [
                    Instruction(number: 1, text: "call \(call.key)" + (call.name.map { ": \($0)" } ?? ""), location: step.location)
                ]
            }
            for instruction in instructions {
                let subItems = StepContextTexts.flatten(instruction.subItems)
                let (item, text) = bindItem(
                    "\(stepID).i\(instruction.number)", .instruction, instruction.text, instruction.notes + subItems,
                    instruction.location, instruction: instruction, expectation: nil)
                items.append(item)
                // The instruction a call stands for is not the case's text.
                if !step.instructions.isEmpty { hasher.add(text, context: subItems + instruction.notes) }
            }
            for expectation in step.expectations {
                let subItems = StepContextTexts.flatten(expectation.subItems)
                let (item, text) = bindItem(
                    "\(stepID).e\(expectation.number)", .expectation, expectation.text, expectation.notes + subItems,
                    expectation.location, instruction: nil, expectation: expectation)
                items.append(item)
                hasher.add(text, context: subItems + expectation.notes)
            }
            steps.append(
                BoundStep(
                    step: step,
                    plan: StepPlan(stepID: stepID, number: step.number, call: step.call, location: step.location, items: items.map(\.plan)),
                    items: items))
        }
        let plan = CasePlan(
            key: testCase.key, title: testCase.title, folder: testCase.folder, labels: testCase.labels,
            priority: testCase.priority, status: testCase.status, format: testCase.format, location: testCase.location,
            steps: steps.map(\.plan))
        let fingerprint = hasher.value
        var diagnostics: [Diagnostic] = []
        if let pin = pins[testCase.key], pin.fingerprint != fingerprint {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "the text of \(testCase.key) changed since its steps were pinned (pinned \(pin.fingerprint), now \(fingerprint))",
                    at: testCase.location,
                    hint: "review the definitions against the new text, then pin \(fingerprint) at \(pin.location)",
                    code: .bindingDrift))
        }
        return BoundCase(caseID: caseID, testCase: testCase, plan: plan, steps: steps, diagnostics: diagnostics, fingerprint: fingerprint)
    }

    private func bindItem(
        _ itemID: String, _ kind: ItemPlan.Kind, _ raw: String, _ context: [String], _ location: SourceLocation,
        instruction: Instruction?, expectation: Expectation?
    ) -> (BoundItem, String) {
        // Exports repeat their items: the text is prepared for matching only when it is new.
        let text = TextNormalizer.normalize(raw)
        let (info, resolution) = cache.value(.init(kind: kind, text: text)) { resolve(MatchText(normalized: text), kind) }
        let item = BoundItem(
            plan: ItemPlan(itemID: itemID, kind: kind, text: raw, context: context, location: location, binding: info),
            instruction: instruction, expectation: expectation, resolution: resolution)
        return (item, text)
    }

    private func candidate(_ index: Int) -> BindingInfo.Candidate {
        BindingInfo.Candidate(expression: definitions[index].source, location: definitions[index].location)
    }

    /// A definition that matched an item, or a phrase of it: one type for both, whose array the
    /// program makes once.
    private typealias Found = (index: Int, range: Range<Int>, rendered: [String], values: [any Sendable])

    func resolve(_ text: MatchText, _ kind: ItemPlan.Kind) -> (BindingInfo, Resolution) {
        let text = text.indexingPairs()
        let candidates = candidates(for: kind)
        var whole: [Found] = []
        // The definitions are read in place: `definitions[index]` copies one, a retain of each of its
        // strings and arrays, for every definition an item is tried against.
        definitions.withUnsafeBufferPointer { definitions in
            for index in requiredPairs.admitted(candidates.item, text) {
                if let found = definitions[index].match(text, scope: .item) { whole.append((index, found.range, found.rendered, found.values)) }
            }
        }
        if whole.count == 1 { return resolved(whole) }
        if whole.count > 1 { return ambiguous(whole.map(\.index), text) }

        var phrases: [Found] = []
        definitions.withUnsafeBufferPointer { definitions in
            for index in requiredPairs.admitted(candidates.phrase, text) {
                if let found = definitions[index].match(text, scope: .phrase) {
                    phrases.append((index, found.range, found.rendered, found.values))
                }
            }
        }
        phrases.sort { $0.range.lowerBound < $1.range.lowerBound }
        for (first, second) in zip(phrases, phrases.dropFirst()) where first.range.overlaps(second.range) {
            return ambiguous([first.index, second.index], text)
        }
        if !phrases.isEmpty {
            var uncovered: [Range<Int>] = []
            var position = 0
            for phrase in phrases {
                if phrase.range.lowerBound > position { uncovered.append(position..<phrase.range.lowerBound) }
                position = phrase.range.upperBound
            }
            if position < text.count { uncovered.append(position..<text.count) }
            let leftover = uncovered.map(text.text).filter { !Self.isConnective($0) }
            if leftover.isEmpty { return resolved(phrases) }
            let missing = leftover.map { "\"\(Self.trim($0))\"" }.joined(separator: ", ")
            let parts = phrases.map { ($0.index, $0.range) }
            // The snippet and the explanation are written when read, which few are: each keeps the
            // normalised text and makes its matching form again, rather than keeping that form
            // (scalars, folded copy, pairs) alive for every undefined text of an export.
            let normalized = text.string
            return (
                .undefined(snippet: Snippet { partSnippet(leftover, covered: parts, in: MatchText(normalized: normalized), kind) }),
                .undefined(Explanation { "no definition covers \(missing)" + covered(parts, in: MatchText(normalized: normalized)) })
            )
        }
        let normalized = text.string
        return (
            .undefined(snippet: Snippet { SnippetGenerator.snippet(for: MatchText(normalized: normalized), kind: kind, phrase: false) }),
            .undefined(
                Explanation { "no definition matches \"\(normalized)\"" + rejectionsOrSuggestions(MatchText(normalized: normalized), kind) })
        )
    }

    /// The definitions that matched but rejected a value, or else the closest ones: a definition
    /// that rejects the text is already the nearest.
    private func rejectionsOrSuggestions(_ text: MatchText, _ kind: ItemPlan.Kind) -> String {
        let rejected = rejections(of: text, kind)
        return rejected.isEmpty ? suggestions(for: text, kind) : rejected
    }

    /// What to add for an item phrases only partly cover: a phrase definition for each part left
    /// over (without the connectives around it), after a comment naming the phrase definitions
    /// that cover the rest, so the suggestion reads on its own.
    private func partSnippet(
        _ leftover: [String], covered parts: [(index: Int, range: Range<Int>)], in text: MatchText, _ kind: ItemPlan.Kind
    ) -> String {
        let covered = parts.map { part in
            "// \"\(Self.trim(text.text(part.range)))\" is covered by \"\(definitions[part.index].source)\" at \(definitions[part.index].location)"
        }
        let added = leftover.map { SnippetGenerator.snippet(for: Self.withoutConnectives($0), kind: kind, phrase: true) }
        return (covered + added).joined(separator: "\n")
    }

    /// A leftover part of an item without the connectives at its ends: "Direct Messages and" is
    /// the phrase "Direct Messages".
    static func withoutConnectives(_ text: String) -> String {
        var words = trim(text).split(separator: " ", omittingEmptySubsequences: true)
        while let first = words.first, words.count > 1, isConnective(String(first)) { words.removeFirst() }
        while let last = words.last, words.count > 1, isConnective(String(last)) { words.removeLast() }
        return trim(words.joined(separator: " "))
    }

    /// Which phrase definition covered which words, for an item they only partly cover.
    private func covered(_ parts: [(index: Int, range: Range<Int>)], in text: MatchText) -> String {
        "; covered: " + parts.map { part in
            "\"\(Self.trim(text.text(part.range)))\" by \"\(definitions[part.index].source)\" at \(definitions[part.index].location)"
        }.joined(separator: ", ")
    }

    /// "Did you mean": up to three definitions of the item's kind closest to its text (edit distance
    /// on the normalised, folded text, among those sharing the most words with it).
    private func suggestions(for text: MatchText, _ kind: ItemPlan.Kind) -> String {
        let words = DefinitionWords.of(text.folded)
        guard !words.isEmpty else { return "" }
        let sources = sourceTexts.value
        let sharing = definitions.indices.filter { definitions[$0].applies(to: kind) }
            .map { index in (index, sources[index].words.intersection(words).count) }
            .filter { $0.1 > 0 }
            .sorted { $0.1 > $1.1 }
            .prefix(6)
        let close = sharing.map { candidate in
            let source = sources[candidate.0].folded
            let distance = DefinitionWords.distance(text.folded, source)
            return (index: candidate.0, distance: distance, ratio: Double(distance) / Double(max(text.count, source.count, 1)))
        }
        .filter { $0.ratio <= 0.6 }
        .sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }
        .prefix(3)
        guard !close.isEmpty else { return "" }
        return "; did you mean " + close.map { "\"\(definitions[$0.index].source)\" at \(definitions[$0.index].location)" }
            .joined(separator: " or ") + "?"
    }

    /// The definitions whose text matched but whose values did not convert, with the reason: the
    /// reader learns what is wrong with the text rather than that nothing was written for it.
    private func rejections(of text: MatchText, _ kind: ItemPlan.Kind) -> String {
        definitions.filter { $0.applies(to: kind) }.compactMap { definition in
            definition.rejection(of: text).map { "; \"\(definition.source)\" at \(definition.location) rejects it: \($0)" }
        }.joined()
    }

    private func resolved(_ parts: [Found]) -> (BindingInfo, Resolution) {
        let definition = BindingInfo.Definition(
            expression: parts.map { definitions[$0.index].source }.joined(separator: " + "),
            location: definitions[parts[0].index].location, arguments: parts.flatMap(\.rendered),
            phrases: parts.count < 2
                ? [] : parts.map { BindingInfo.Candidate(expression: definitions[$0.index].source, location: definitions[$0.index].location) })
        if let manual = parts.lazy.compactMap({ part -> String? in
            if case .manual(let reason) = self.definitions[part.index].role { return reason ?? "marked manual" }
            return nil
        }).first {
            return (
                .manual(definition),
                .manual(manual)
            )
        }
        // Past the manual check every part is an action or a check, and those always have a body.
        let invocations = parts.compactMap { part in
            definitions[part.index].body.map { body in
                Invocation(
                    body: body, library: definitions[part.index].library, location: definitions[part.index].location,
                    values: part.values)
            }
        }
        return (
            .matched(definition),
            .run(invocations)
        )
    }

    private func ambiguous(_ indices: [Int], _ text: MatchText) -> (BindingInfo, Resolution) {
        let candidates = indices.map(candidate)
        let names = candidates.map { "\"\($0.expression)\" (\($0.location))" }.joined(separator: ", ")
        return (.ambiguous(candidates), .ambiguous("\(candidates.count) definitions match: \(names)"))
    }

    static func isConnective(_ text: String) -> Bool {
        let words = text.lowercased().split { $0 == " " || $0 == "," || $0 == ";" || $0 == "." || $0 == ":" || $0 == "-" }
        return words.allSatisfy { ["and", "then", "also", "or", "&"].contains($0) }
    }

    static func trim(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first == " " || first == "," || first == ";" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "," || last == ";" { slice.removeLast() }
        return String(slice)
    }

    /// A short stable hash of everything a case's definitions bind to: each step's instructions,
    /// expectations, sub-items and notes, normalised and lower-cased (FNV-1a, 64 bits, hexadecimal).
    public static func fingerprint(of testCase: TestCase) -> String {
        var fingerprint = Fingerprint()
        for step in testCase.steps {
            fingerprint.add(step)
            for instruction in step.instructions {
                fingerprint.add(
                    TextNormalizer.normalize(instruction.text), context: StepContextTexts.flatten(instruction.subItems) + instruction.notes)
            }
            for expectation in step.expectations {
                fingerprint.add(
                    TextNormalizer.normalize(expectation.text), context: StepContextTexts.flatten(expectation.subItems) + expectation.notes)
            }
        }
        return fingerprint.value
    }
}

/// FNV-1a over the folded text of a case, fed in the order of ``Binder/fingerprint(of:)``; binding
/// feeds it the items' texts it has already normalised.
struct Fingerprint {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    private mutating func endLine() {
        hash ^= 0x0a
        hash &*= 0x0000_0100_0000_01b3
    }

    mutating func add(_ step: Step) {
        add(folding: TextNormalizer.normalize("step \(step.number)"))
        endLine()
    }

    /// Feeds an item's normalised text and its context lines (as written).
    mutating func add(_ normalized: String, context: [String]) {
        add(folding: normalized)
        endLine()
        for line in context {
            add(folding: TextNormalizer.normalize(line))
            endLine()
        }
    }

    /// Feeds normalised text folded, as UTF-8: the bytes of ``MatchText/folded``, without making it.
    private mutating func add(folding normalized: String) {
        let start = hash
        for byte in normalized.utf8 {
            guard byte < 0x80 else {
                // Outside ASCII, folding goes scalar by scalar: start the text again that way.
                hash = start
                return addFoldingScalars(normalized)
            }
            hash ^= UInt64(byte >= 65 && byte <= 90 ? byte + 32 : byte)
            hash &*= 0x0000_0100_0000_01b3
        }
    }

    private mutating func addFoldingScalars(_ normalized: String) {
        for scalar in normalized.unicodeScalars {
            for byte in UTF8.encode(TextNormalizer.fold(scalar))! {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
    }

    /// Sixteen hexadecimal digits, written by hand: `String(_:radix:)` is generic, and its first
    /// use looks up the integer's conformances at run time.
    var value: String {
        let digits = Array("0123456789abcdef".utf8)
        let bytes = (0..<16).map { digit in digits[Int((hash >> UInt64(60 - 4 * digit)) & 0xf)] }
        return String(decoding: bytes, as: UTF8.self)
    }
}

enum StepContextTexts {
    static func flatten(_ items: [Instruction]) -> [String] {
        items.flatMap { [$0.text] + $0.notes + flatten($0.subItems) }
    }

    static func flatten(_ items: [Expectation]) -> [String] {
        items.flatMap { [$0.text] + $0.notes + flatten($0.subItems) }
    }
}
