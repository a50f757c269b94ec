import StepwiseModel

/// A regular expression of the subset step definitions are written in, matched on an item's
/// folded text the way Swift's `Regex` matches it case-insensitively, without building one.
///
/// Parsing a Swift `Regex` literal happens at run time and costs a fraction of a millisecond; a
/// library of a hundred regex definitions paid it at the start of every run, and matching without
/// case (Unicode case mapping for each character) was most of `stepwise report`. This reads the
/// pattern itself, knows the literal text every match contains (so items lacking it are never
/// tried) and runs a backtracking program over the folded scalars.
///
/// The subset: literal text, `.`, `^`, `$`, classes (`[a-z]`, `[^"']`, `\d`, `\w`, `\s` and their
/// negations), groups (`(...)`, `(?:...)`, `(?<name>...)`), lookaheads (`(?=...)`, `(?!...)`),
/// `\b` and `\B`, alternation and the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, eager or
/// reluctant (`??`, `*?`, ...). ``init(_:)`` returns `nil` for anything else (options, lookbehinds,
/// back-references, possessive quantifiers, ...), and the text must be one Swift reads as this
/// does (see ``MatchText/regexReady``): otherwise the definition matches through Swift's `Regex`.
struct FoldedRegex: Sendable {
    /// How many capture groups the pattern has.
    let captureCount: Int
    /// For each capture group, whether a match can leave it unset (inside an optional part or an
    /// alternative): the capture's output is then `Substring?`.
    let optionalCaptures: [Bool]
    /// `\b` or `\B` occurs: their Unicode word rules are only read here for ASCII text.
    let usesWordBoundaries: Bool
    /// Every clause must hold: the folded text contains at least one of its literals.
    let required: [[[Unicode.Scalar]]]
    /// The backtracking program, compiled the first time the pattern meets an item's text: a
    /// library reads a hundred patterns when it loads (to report a bad one at its line), and a
    /// run's items reach a few of them.
    private let program: OnFirstUse<Program>
    /// The folded scalar every match starts with, when there is one.
    private let firstScalar: Unicode.Scalar?

    init?(_ pattern: String) {
        // Decoded once, into room for the most scalars the text can have.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(pattern.utf8.count)
        for scalar in pattern.unicodeScalars { scalars.append(scalar) }
        var parser = Parser(scalars)
        guard let part = parser.parse() else { return nil }
        captureCount = parser.captures
        optionalCaptures = parser.optionalCaptures
        usesWordBoundaries = part.usesWordBoundaries
        required = parser.clauses
        firstScalar = part.firstScalar
        let node = part.node
        program = OnFirstUse {
            var compiler = Compiler()
            compiler.emit(node)
            compiler.program.append(.match)
            return Program(main: compiler.program, lookaheads: compiler.lookaheads, sets: compiler.sets)
        }
    }

    /// The match's range and each capture's range (`nil` when unset), in scalar offsets, or `nil`:
    /// the whole text for `whole`, else the leftmost match.
    func match(_ text: MatchText, whole: Bool) -> (range: Range<Int>, captures: [Range<Int>?])? {
        let program = self.program.value
        var slots = [Int](repeating: -1, count: captureCount * 2)
        var stack: [Backtrack] = []
        if whole {
            guard let end = run(program.main, program, text, at: 0, whole: true, &slots, &stack) else { return nil }
            return (0..<end, captures(slots))
        }
        var start = 0
        while start <= text.count {
            if let first = firstScalar {
                guard let next = text.folded[start...].firstIndex(of: first) else { return nil }
                start = next
            }
            if let end = run(program.main, program, text, at: start, whole: false, &slots, &stack) {
                return (start..<end, captures(slots))
            }
            start += 1
        }
        return nil
    }

    /// The end of the match that starts at `start`, as Swift's `prefixMatch` finds it.
    func prefixMatch(_ text: MatchText, at start: Int) -> Int? {
        let program = self.program.value
        var slots = [Int](repeating: -1, count: captureCount * 2)
        var stack: [Backtrack] = []
        return run(program.main, program, text, at: start, whole: false, &slots, &stack)
    }

    /// Whether this reads `text` as Swift's `Regex` does (see ``MatchText/regexReady``): `\b` and
    /// `\B` only where every scalar outside ASCII has a word-break class known here.
    func reads(_ text: MatchText) -> Bool {
        text.regexReady && (text.isASCII || !usesWordBoundaries || text.scalars.allSatisfy(WordBoundary.isKnown))
    }

    private func captures(_ slots: [Int]) -> [Range<Int>?] {
        (0..<captureCount).map { index in
            let (start, end) = (slots[index * 2], slots[index * 2 + 1])
            return start >= 0 && end >= start ? start..<end : nil
        }
    }

    private enum Backtrack {
        case branch(pc: Int, position: Int)
        case restore(slot: Int, value: Int)
    }

    /// Runs `operations` (the program's main ones or a lookahead's) from `start`; the end of the
    /// first match in priority order.
    private func run(
        _ operations: [Operation], _ program: Program, _ text: MatchText, at start: Int, whole: Bool, _ slots: inout [Int],
        _ stack: inout [Backtrack]
    ) -> Int? {
        let folded = text.folded
        let count = folded.count
        let base = stack.count
        var pc = 0
        var position = start
        while true {
            var advanced = true
            switch operations[pc] {
            case .scalar(let scalar):
                if position < count, folded[position] == scalar { position += 1; pc += 1 } else { advanced = false }
            case .any:
                if position < count { position += 1; pc += 1 } else { advanced = false }
            case .set(let set):
                if position < count, program.sets[set].contains(folded[position]) { position += 1; pc += 1 } else { advanced = false }
            case .split(let first, let second):
                stack.append(.branch(pc: second, position: position))
                pc = first
            case .jump(let target):
                pc = target
            case .save(let slot):
                stack.append(.restore(slot: slot, value: slots[slot]))
                slots[slot] = position
                pc += 1
            case .start:
                if position == 0 { pc += 1 } else { advanced = false }
            case .end:
                if position == count { pc += 1 } else { advanced = false }
            case .wordBoundary(let negated):
                if WordBoundary.isBoundary(folded, position) != negated { pc += 1 } else { advanced = false }
            case .lookahead(let index, let negated):
                var ignored: [Int] = []
                var inner: [Backtrack] = []
                let found = run(program.lookaheads[index], program, text, at: position, whole: false, &ignored, &inner) != nil
                if found != negated { pc += 1 } else { advanced = false }
            case .match:
                if !whole || position == count {
                    stack.removeSubrange(base...)
                    return position
                }
                advanced = false
            }
            if advanced { continue }
            // Back to the latest choice, undoing the captures saved since.
            var resumed = false
            while stack.count > base, let last = stack.popLast() {
                switch last {
                case .restore(let slot, let value):
                    slots[slot] = value
                case .branch(let resume, let at):
                    pc = resume
                    position = at
                    resumed = true
                }
                if resumed { break }
            }
            if !resumed { return nil }
        }
    }

    // MARK: The pattern

    fileprivate indirect enum Node: Sendable {
        case literal([Unicode.Scalar])
        case any
        case set(ScalarSet)
        case group(Node, capture: Int?)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?, reluctant: Bool)
        case start
        case end
        case wordBoundary(negated: Bool)
        case lookahead(Node, negated: Bool)
    }

    /// A compiled pattern: its operations, its lookaheads' and the classes they test, kept apart
    /// so that an operation is a plain value, copied (as matching reads each) without counting
    /// references.
    fileprivate struct Program: Sendable {
        var main: [Operation]
        var lookaheads: [[Operation]]
        var sets: [ScalarSet]
    }

    fileprivate enum Operation: Sendable {
        case scalar(Unicode.Scalar)
        case any
        /// The scalar is in the class `sets[index]`.
        case set(Int)
        /// Tries `first`, and `second` when what follows fails.
        case split(first: Int, second: Int)
        case jump(Int)
        case save(Int)
        case start
        case end
        case wordBoundary(negated: Bool)
        case lookahead(Int, negated: Bool)
        case match
    }

    private struct Compiler {
        var program: [Operation] = []
        var lookaheads: [[Operation]] = []
        var sets: [ScalarSet] = []

        mutating func emit(_ node: Node) {
            switch node {
            case .literal(let scalars): for scalar in scalars { program.append(.scalar(scalar)) }
            case .any: program.append(.any)
            case .set(let set):
                sets.append(set)
                program.append(.set(sets.count - 1))
            case .group(let inner, let capture):
                // Capture n (from 1) starts in slot 2(n - 1) and ends in the next.
                if let capture { program.append(.save((capture - 1) * 2)) }
                emit(inner)
                if let capture { program.append(.save((capture - 1) * 2 + 1)) }
            case .sequence(let nodes): for node in nodes { emit(node) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (index, branch) in branches.enumerated() {
                    if index == branches.count - 1 {
                        emit(branch)
                        break
                    }
                    let split = program.count
                    program.append(.jump(-1))
                    emit(branch)
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(first: split + 1, second: program.count)
                }
                for jump in jumps { program[jump] = .jump(program.count) }
            case .repetition(let inner, let min, let max, let reluctant):
                for _ in 0..<min { emit(inner) }
                if let max {
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(program.count)
                        program.append(.jump(-1))
                        emit(inner)
                    }
                    for split in splits { program[split] = choice(split + 1, program.count, reluctant) }
                } else {
                    let loop = program.count
                    program.append(.jump(-1))
                    emit(inner)
                    program.append(.jump(loop))
                    program[loop] = choice(loop + 1, program.count, reluctant)
                }
            case .start: program.append(.start)
            case .end: program.append(.end)
            case .wordBoundary(let negated): program.append(.wordBoundary(negated: negated))
            case .lookahead(let inner, let negated):
                var sub = Compiler()
                sub.sets = sets
                sub.emit(inner)
                sub.program.append(.match)
                sets = sub.sets
                lookaheads.append(sub.program)
                program.append(.lookahead(lookaheads.count - 1, negated: negated))
            }
        }

        /// Enter (`body`) or skip (`exit`), in the quantifier's order of preference.
        private func choice(_ body: Int, _ exit: Int, _ reluctant: Bool) -> Operation {
            reluctant ? .split(first: exit, second: body) : .split(first: body, second: exit)
        }
    }

    /// A part of the pattern as it is read, with what a library needs to know of it when it loads.
    private struct Part {
        var node: Node
        /// It can match the empty text.
        var canBeEmpty = false
        var usesWordBoundaries = false
        /// An anchor, a word boundary or a lookahead: nothing a quantifier repeats.
        var isAssertion = false
        /// The folded scalar every match of it starts with, if any.
        var firstScalar: Unicode.Scalar?
        /// Where its clauses start in the parser's ``Parser/clauses``: it has those from there on.
        var clauses: Int
    }

    /// Reads a pattern into its tree in one pass, learning on the way what a library checks and
    /// filters with when it loads (captures, clauses, word boundaries): walking the tree again for
    /// each of those cost more than reading the pattern.
    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        /// For each capture group read so far, whether a match can leave it unset.
        var optionalCaptures: [Bool] = []
        /// What every match of the parts read so far contains, as ``FoldedRegex/required``: a part
        /// that turns out optional (or an alternative) drops its own, at the end of the list.
        var clauses: [[[Unicode.Scalar]]] = []
        /// Syntax met that is not read here, wherever it was.
        var unreadable = false
        /// Room shared by every level of the pattern, where what a level reads waits until the
        /// level ends (rather than each level growing arrays of its own): the parts of the
        /// sequences and alternations being read, and the literal run being read.
        private var pending: [Part] = []
        private var run: [Unicode.Scalar] = []

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
            // Room for a pattern's usual depth and literal words, so that they seldom grow.
            pending.reserveCapacity(16)
            run.reserveCapacity(scalars.count)
            clauses.reserveCapacity(8)
        }

        var captures: Int { optionalCaptures.count }

        mutating func parse() -> Part? {
            guard let part = alternation(), index == scalars.count, !unreadable else { return nil }
            return part
        }

        private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        /// The captures read since there were `count`, inside an optional part or an alternative,
        /// can be left unset.
        private mutating func markOptional(since count: Int) {
            for capture in count..<captures { optionalCaptures[capture] = true }
        }

        /// Literal text, which every match of the part contains: a clause when it has two scalars
        /// or more.
        private mutating func literal(_ scalars: [Unicode.Scalar]) -> Part {
            let part = Part(node: .literal(scalars), canBeEmpty: scalars.isEmpty, firstScalar: scalars.first, clauses: clauses.count)
            if scalars.count >= 2 { clauses.append([scalars]) }
            return part
        }

        /// Something with no literal text of its own: an assertion, `.` or a class.
        private func plain(_ node: Node, canBeEmpty: Bool = false, usesWordBoundaries: Bool = false, isAssertion: Bool = false) -> Part {
            Part(node: node, canBeEmpty: canBeEmpty, usesWordBoundaries: usesWordBoundaries, isAssertion: isAssertion, clauses: clauses.count)
        }

        private mutating func repeated(_ part: Part, min: Int, max: Int?, reluctant: Bool) -> Part {
            var repeated = part
            repeated.node = .repetition(part.node, min: min, max: max, reluctant: reluctant)
            repeated.canBeEmpty = min == 0 || part.canBeEmpty
            if min == 0 {
                // A match can skip it: what it contains is not required.
                clauses.removeSubrange(part.clauses...)
                repeated.firstScalar = nil
            }
            return repeated
        }

        private mutating func alternation() -> Part? {
            let capturesBefore = captures
            let start = pending.count
            repeat {
                if pending.count > start { index += 1 }
                guard let branch = sequence() else { return nil }
                pending.append(branch)
            } while peek == "|"
            let part = pending.count - start == 1 ? pending[start] : either(from: start, capturesBefore: capturesBefore)
            pending.removeSubrange(start...)
            return part
        }

        /// The alternation of the branches pending from `start` on.
        private mutating func either(from start: Int, capturesBefore: Int) -> Part {
            markOptional(since: capturesBefore)
            let branches = pending[start...]
            var either = Part(
                node: .alternation(branches.map(\.node)), canBeEmpty: branches.contains { $0.canBeEmpty },
                usesWordBoundaries: branches.contains { $0.usesWordBoundaries }, clauses: branches[start].clauses)
            // A match matches one branch: it contains a literal of that branch's strongest clause.
            var literals: [[Unicode.Scalar]]? = []
            let shortest = { (clause: [[Unicode.Scalar]]) in clause.lazy.map(\.count).min() ?? 0 }
            for (offset, branch) in zip(branches.indices, branches) {
                let end = offset + 1 < branches.endIndex ? branches[offset + 1].clauses : clauses.count
                guard let strongest = clauses[branch.clauses..<end].max(by: { shortest($0) < shortest($1) }) else {
                    literals = nil
                    break
                }
                literals? += strongest
            }
            clauses.removeSubrange(either.clauses...)
            if let literals { clauses.append(literals) }
            either.firstScalar = nil
            return either
        }

        /// Consecutive literal scalars make one run: the prefilter's literal words. The run is
        /// gathered, not read as a node per scalar, since most of a pattern is literal text.
        private mutating func endRun() {
            guard !run.isEmpty else { return }
            pending.append(literal(Array(run[...])))
            run.removeAll(keepingCapacity: true)
        }

        private mutating func sequence() -> Part? {
            let start = pending.count
            while let scalar = peek, scalar != "|", scalar != ")" {
                if let literal = plainLiteral() {
                    if let (min, max, reluctant) = quantifier() {
                        endRun()
                        pending.append(repeated(self.literal([literal]), min: min, max: max, reluctant: reluctant))
                    } else {
                        run.append(literal)
                    }
                    continue
                }
                // The run before an atom ends first: the atom may be a group, with runs of its own.
                endRun()
                let capturesBefore = captures
                guard var atom = atom() else { return nil }
                if let (min, max, reluctant) = quantifier() {
                    if atom.isAssertion { return nil }
                    // A loop over something that can match nothing would never end here.
                    if max == nil, atom.canBeEmpty { return nil }
                    if min == 0 { markOptional(since: capturesBefore) }
                    atom = repeated(atom, min: min, max: max, reluctant: reluctant)
                }
                pending.append(atom)
            }
            endRun()
            let part = pending.count - start == 1 ? pending[start] : concatenation(from: start)
            pending.removeSubrange(start...)
            return part
        }

        /// The parts pending from `start` on, one after the other.
        private func concatenation(from start: Int) -> Part {
            let parts = pending[start...]
            return Part(
                node: .sequence(parts.map(\.node)), canBeEmpty: parts.allSatisfy { $0.canBeEmpty },
                usesWordBoundaries: parts.contains { $0.usesWordBoundaries }, firstScalar: parts.first?.firstScalar,
                clauses: parts.first?.clauses ?? clauses.count)
        }

        /// The next scalar, folded, when it stands for itself (escaped or not), consuming it;
        /// otherwise `nil`, consuming nothing, and ``atom()`` reads what is there.
        private mutating func plainLiteral() -> Unicode.Scalar? {
            guard let scalar = peek else { return nil }
            switch scalar {
            case "(", "[", ".", "^", "$", "*", "+", "?", "{", "}", "]", "|", ")": return nil
            case "\\":
                guard index + 1 < scalars.count, let literal = Self.escapedLiteral(scalars[index + 1]) else { return nil }
                index += 2
                return literal
            default:
                guard let folded = Self.literal(scalar) else { return nil }
                index += 1
                return folded
            }
        }

        private mutating func atom() -> Part? {
            guard let scalar = peek else { return nil }
            index += 1
            switch scalar {
            case "(": return group()
            case "[": return characterClass().map { plain(.set($0)) }
            case "\\":
                guard let escaped = peek else { return nil }
                index += 1
                switch escaped {
                case "b": return plain(.wordBoundary(negated: false), canBeEmpty: true, usesWordBoundaries: true, isAssertion: true)
                case "B": return plain(.wordBoundary(negated: true), canBeEmpty: true, usesWordBoundaries: true, isAssertion: true)
                default:
                    if let set = ScalarSet(escape: escaped) { return plain(.set(set)) }
                    guard let literal = Self.escapedLiteral(escaped) else { return nil }
                    return self.literal([literal])
                }
            case ".": return plain(.any)
            case "^": return plain(.start, canBeEmpty: true, isAssertion: true)
            case "$": return plain(.end, canBeEmpty: true, isAssertion: true)
            case "*", "+", "?", "{", "}", "]": return nil
            default:
                guard let folded = Self.literal(scalar) else { return nil }
                return self.literal([folded])
            }
        }

        /// A scalar that stands for itself, folded; `nil` for letters outside ASCII, whose case
        /// mapping is not read here.
        static func literal(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
            if !scalar.isASCII, scalar.properties.isAlphabetic || scalar.properties.changesWhenCaseMapped { return nil }
            if !scalar.isASCII, !ScalarSet.isPlainSymbol(scalar) { return nil }
            return TextNormalizer.fold(scalar)
        }

        /// `\.`, `\(`, `\/` and other escaped ASCII punctuation; `nil` for escapes with meaning
        /// (`\n`, `\u{...}`, back-references, ...).
        static func escapedLiteral(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
            guard scalar.isASCII, !isWordScalar(scalar), scalar.value >= 0x20, scalar.value < 0x7F else { return nil }
            return scalar
        }

        private mutating func group() -> Part? {
            var capture: Int?
            var lookahead: Bool?
            if peek == "?" {
                index += 1
                switch peek {
                case ":": index += 1
                case "=": index += 1; lookahead = false
                case "!": index += 1; lookahead = true
                case "<":
                    index += 1
                    var name = 0
                    while let scalar = peek, scalar != ">" {
                        guard isWordScalar(scalar), scalar.isASCII else { return nil }
                        name += 1
                        index += 1
                    }
                    guard peek == ">", name > 0 else { return nil }
                    index += 1
                    optionalCaptures.append(false)
                    capture = captures
                default:
                    // Options, lookbehinds, atomic groups, ...: not read here.
                    return nil
                }
            } else {
                optionalCaptures.append(false)
                capture = captures
            }
            let capturesBefore = captures
            guard var inner = alternation(), peek == ")" else { return nil }
            index += 1
            if let negated = lookahead {
                // Captures inside a lookahead: not read here.
                guard captures == capturesBefore else { return nil }
                // What it looks for is not part of the match.
                clauses.removeSubrange(inner.clauses...)
                return Part(
                    node: .lookahead(inner.node, negated: negated), canBeEmpty: true,
                    usesWordBoundaries: inner.usesWordBoundaries, isAssertion: true, clauses: inner.clauses)
            }
            inner.node = .group(inner.node, capture: capture)
            return inner
        }

        private mutating func characterClass() -> ScalarSet? {
            var set = ScalarSet()
            var negated = false
            if peek == "^" {
                negated = true
                index += 1
            }
            // `]` first (or an empty class), nested classes and POSIX names: not read here.
            if peek == "]" { return nil }
            while let scalar = peek, scalar != "]" {
                if scalar == "[" { return nil }
                index += 1
                var member: Unicode.Scalar
                if scalar == "\\" {
                    guard let escaped = peek else { return nil }
                    index += 1
                    if let escapeSet = ScalarSet(escape: escaped) {
                        set.formUnion(escapeSet)
                        continue
                    }
                    guard let literal = Self.escapedLiteral(escaped) else { return nil }
                    member = literal
                } else {
                    // Set operations (`&&`, `--`, `~~`): not read here.
                    if (scalar == "&" || scalar == "-" || scalar == "~") && peek == scalar { return nil }
                    member = scalar
                }
                if !member.isASCII, !ScalarSet.isPlainSymbol(member) { return nil }
                if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                    index += 1
                    guard var upper = peek, upper != "[" else { return nil }
                    index += 1
                    if upper == "\\" {
                        guard let escaped = peek, let literal = Self.escapedLiteral(escaped) else { return nil }
                        index += 1
                        upper = literal
                    }
                    guard upper.value >= member.value, upper.isASCII == member.isASCII else { return nil }
                    set.insert(member...upper)
                } else {
                    set.insert(member...member)
                }
            }
            guard peek == "]" else { return nil }
            index += 1
            return negated ? set.inverted : set
        }

        /// `?`, `*`, `+` or `{...}`, and `?` after it for the reluctant form.
        private mutating func quantifier() -> (Int, Int?, Bool)? {
            guard let scalar = peek else { return nil }
            var bounds: (Int, Int?)
            switch scalar {
            case "?": bounds = (0, 1); index += 1
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "{":
                let saved = index
                index += 1
                guard let min = number() else { index = saved; return nil }
                var max: Int? = min
                if peek == "," {
                    index += 1
                    max = number()
                }
                guard peek == "}", max.map({ $0 >= min }) ?? true else { index = saved; return nil }
                index += 1
                bounds = (min, max)
            default:
                return nil
            }
            var reluctant = false
            if peek == "?" {
                reluctant = true
                index += 1
            } else if peek == "+" {
                // Possessive: not read here.
                unreadable = true
                return nil
            }
            return (bounds.0, bounds.1, reluctant)
        }

        private mutating func number() -> Int? {
            var value: Int?
            while let scalar = peek, ("0"..."9").contains(scalar) {
                value = (value ?? 0) * 10 + Int(scalar.value - 48)
                index += 1
                if value! > 1000 { return nil }
            }
            return value
        }
    }
}

/// The scalars a class matches, on folded text: ASCII as a bitmap closed under case (a class
/// that has `A` matches the folded `a`), others by range.
struct ScalarSet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var ranges: [ClosedRange<UInt32>] = []
    /// Every scalar outside ASCII matches (after `\W`, `\D`, `\S` or negation), but for `ranges`.
    private var otherScalars = false

    init() {}

    /// `\d`, `\w`, `\s` and their negations; `nil` for other escapes.
    init?(escape: Unicode.Scalar) {
        let members: (UInt8) -> Bool
        switch escape {
        case "d", "D": members = { $0 >= 48 && $0 <= 57 }
        case "w", "W": members = { isWordScalar(Unicode.Scalar($0)) }
        case "s", "S": members = { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
        default: return nil
        }
        for byte in UInt8(0)..<128 where members(byte) { insertASCII(byte) }
        // Outside ASCII, text read here has only symbols and punctuation: not digits, word or space.
        if escape.properties.isUppercase { self = inverted }
    }

    /// Symbols and punctuation outside ASCII that Swift's `Regex` and this read alike: no case, no
    /// word, digit or space character, and each a `Character` of its own.
    static func isPlainSymbol(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        guard !properties.isAlphabetic, properties.numericType == nil, !properties.isWhitespace,
            !properties.changesWhenCaseMapped, !properties.isEmojiModifier, !(0x1F1E6...0x1F1FF).contains(scalar.value)
        else { return false }
        switch properties.generalCategory {
        case .mathSymbol, .currencySymbol, .otherSymbol, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private mutating func insertASCII(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
    }

    /// Adds members while a class is read (before any negation, so `ranges` are members).
    mutating func insert(_ range: ClosedRange<Unicode.Scalar>) {
        guard range.lowerBound.isASCII else {
            if !otherScalars { ranges.append(range.lowerBound.value...range.upperBound.value) }
            return
        }
        for value in range.lowerBound.value...range.upperBound.value {
            let byte = UInt8(value)
            insertASCII(byte)
            // Compared without case: a letter's other case is in the class too.
            if byte >= 65 && byte <= 90 { insertASCII(byte + 32) }
            if byte >= 97 && byte <= 122 { insertASCII(byte - 32) }
        }
    }

    /// Adds an escape's members while a class is read (before any negation).
    mutating func formUnion(_ other: ScalarSet) {
        low |= other.low
        high |= other.high
        otherScalars = otherScalars || other.otherScalars
        ranges = otherScalars ? [] : ranges + other.ranges
    }

    var inverted: ScalarSet {
        var result = ScalarSet()
        result.low = ~low
        result.high = ~high
        // A class is negated once, after it is read, when its ranges are members: a class with
        // every other scalar has none, and negating it leaves no other scalar.
        if otherScalars {
            result.otherScalars = false
        } else {
            result.ranges = ranges
            result.otherScalars = true
        }
        return result
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 64 { return low & (1 << UInt64(value)) != 0 }
        if value < 128 { return high & (1 << UInt64(value - 64)) != 0 }
        let inRanges = ranges.contains { $0.contains(value) }
        return otherScalars ? !inRanges : inRanges
    }
}

/// Unicode's default word boundaries (UAX #29, what Swift's `Regex` means by `\b`) for ASCII
/// text and the symbols outside it whose class is known here: inside words ("don't", "a:b",
/// "e.g"), numbers ("1,000", "3.5") and runs of spaces there is none; at the ends of the text
/// there always is.
enum WordBoundary {
    private enum Kind { case letter, digit, midLetter, midNumberLetter, quote, midNumber, connector, space, other }

    private static func kind(_ scalar: Unicode.Scalar) -> Kind {
        switch scalar {
        case "a"..."z", "A"..."Z": .letter
        case "0"..."9": .digit
        case ":": .midLetter
        case ".": .midNumberLetter
        case "'": .quote
        case ",", ";": .midNumber
        case "_": .connector
        case " ": .space
        default: scalar.isASCII ? .other : symbolKind(scalar) ?? .other
        }
    }

    /// Whether the class of `scalar` is known here: ASCII, or one of the plain symbols (see
    /// ``ScalarSet/isPlainSymbol(_:)``) of the blocks below, such as arrows, dashes and quotes.
    static func isKnown(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII || symbolKind(scalar) != nil }

    /// The class of a plain symbol outside ASCII: UAX #29's lists (as Swift's `Regex` has them)
    /// for the few that join words or numbers, `.other` for the rest of Latin-1's symbols, general
    /// punctuation, currency, letterlike symbols, arrows, mathematical operators, technical
    /// symbols, box drawing, shapes, dingbats and the supplemental arrows and symbols; `nil`
    /// elsewhere (the text is then matched by Swift).
    private static func symbolKind(_ scalar: Unicode.Scalar) -> Kind? {
        switch scalar.value {
        case 0x2018, 0x2019, 0x2024, 0xFE52, 0xFF07, 0xFF0E: .midNumberLetter
        case 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2027, 0xFE13, 0xFE55, 0xFF1A: .midLetter
        case 0x037E, 0x0589, 0x060C, 0x060D, 0x066C, 0x07F8, 0x2044, 0xFE50, 0xFE54, 0xFF0C, 0xFF1B: .midNumber
        case 0x203F, 0x2040, 0x2054, 0xFE33, 0xFE34, 0xFE4D...0xFE4F, 0xFF3F: .connector
        case 0x00A1...0x00BF, 0x00D7, 0x00F7, 0x2010...0x205E, 0x20A0...0x20CF, 0x2100...0x214F, 0x2190...0x2BFF: .other
        default: nil
        }
    }

    static func isBoundary(_ text: [Unicode.Scalar], _ position: Int) -> Bool {
        if position <= 0 || position >= text.count { return true }
        let before = kind(text[position - 1])
        let after = kind(text[position])
        func at(_ offset: Int) -> Kind? { offset >= 0 && offset < text.count ? kind(text[offset]) : nil }
        switch (before, after) {
        case (.space, .space): return false  // WB3d
        case (.letter, .letter), (.digit, .digit), (.letter, .digit), (.digit, .letter): return false  // WB5, WB8-10
        case (.letter, .midLetter), (.letter, .midNumberLetter), (.letter, .quote):
            return at(position + 1) != .letter  // WB6
        case (.midLetter, .letter), (.midNumberLetter, .letter), (.quote, .letter):
            return at(position - 2) != .letter  // WB7
        case (.digit, .midNumber), (.digit, .midNumberLetter), (.digit, .quote):
            return at(position + 1) != .digit  // WB12
        case (.midNumber, .digit), (.midNumberLetter, .digit), (.quote, .digit):
            return at(position - 2) != .digit  // WB11
        case (.letter, .connector), (.digit, .connector), (.connector, .connector), (.connector, .letter),
            (.connector, .digit):
            return false  // WB13a, WB13b
        default: return true
        }
    }
}
