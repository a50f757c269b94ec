import Foundation

/// Events written straight from their fields, as the bytes `JSONEncoder` (and so
/// `EventStream.makeEncoder()`) writes for their `Encodable` form: the same keys, values and
/// omitted `nil`s, keys sorted in byte order.
///
/// Going through `Encodable` makes the Swift runtime instantiate keyed containers for every
/// coding-key type an event holds, the first time the process meets each, and look up their
/// conformances among every conformance in the binary: in a run of one case that cost more than
/// the rest of writing its stream. Each object below lists its members in byte order of their
/// keys, which is how they are written (a debug build checks it); a test compares the two over
/// recorded runs and over every optional field, set and unset.
extension Event {
    /// The JSON text of the event, one line of the stream without its newline.
    package func jsonLine() throws -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        try write(to: &writer)
        return writer.bytes
    }

    private func write(to writer: inout JSONWriter) throws {
        try writer.object { json in
            switch self {
            case .runStarted(let payload):
                json.key("cases"); json.number(payload.cases)
                json.key("clock"); json.string(payload.clock.rawValue)
                json.key("jobs"); json.number(payload.jobs)
                json.key("kind"); json.string(kind)
                json.key("runID"); json.string(payload.runID)
                json.schema()
                json.key("startedAt"); json.string(JSONText.iso8601(payload.startedAt))
                json.key("strict"); json.bool(payload.strict)
                json.key("tool"); json.string(payload.tool)
            case .diagnostic(let payload):
                if let caseID = payload.caseID { json.key("caseID"); json.string(caseID) }
                json.key("diagnostic"); payload.diagnostic.write(to: &json)
                json.key("kind"); json.string(kind)
                json.key("runID"); json.string(payload.runID)
                json.schema()
                if let sourceLine = payload.sourceLine { json.key("sourceLine"); json.string(sourceLine) }
            case .caseStarted(let payload):
                json.key("at"); try json.number(payload.at)
                json.key("attempt"); json.number(payload.attempt)
                json.key("caseID"); json.string(payload.caseID)
                json.key("kind"); json.string(kind)
                json.key("plan"); payload.plan.write(to: &json)
                json.key("runID"); json.string(payload.runID)
                json.schema()
            case .stepStarted(let payload):
                try json.place(at: payload.at, attempt: payload.attempt, caseID: payload.caseID)
                json.key("kind"); json.string(kind)
                json.schema()
                json.key("stepID"); json.string(payload.stepID)
            case .itemStarted(let payload):
                try json.place(at: payload.at, attempt: payload.attempt, caseID: payload.caseID)
                json.key("itemID"); json.string(payload.itemID)
                json.key("kind"); json.string(kind)
                json.schema()
                json.key("stepID"); json.string(payload.stepID)
            case .itemFinished(let payload):
                try json.place(at: payload.at, attempt: payload.attempt, caseID: payload.caseID)
                json.key("duration"); try payload.duration.write(to: &json)
                if let location = payload.failureLocation { json.key("failureLocation"); location.write(to: &json) }
                json.key("itemID"); json.string(payload.itemID)
                json.key("kind"); json.string(kind)
                if let message = payload.message { json.key("message"); json.string(message) }
                json.key("notes"); json.strings(payload.notes)
                json.schema()
                json.key("status"); json.string(payload.status.rawValue)
                json.key("stepID"); json.string(payload.stepID)
            case .stepFinished(let payload):
                try json.place(at: payload.at, attempt: payload.attempt, caseID: payload.caseID)
                json.key("duration"); try payload.duration.write(to: &json)
                json.key("kind"); json.string(kind)
                json.schema()
                json.key("status"); json.string(payload.status.rawValue)
                json.key("stepID"); json.string(payload.stepID)
            case .caseFinished(let payload):
                json.key("at"); try json.number(payload.at)
                json.key("attempt"); json.number(payload.attempt)
                json.key("caseID"); json.string(payload.caseID)
                json.key("duration"); try payload.duration.write(to: &json)
                json.key("flaky"); json.bool(payload.flaky)
                json.key("kind"); json.string(kind)
                if let message = payload.message { json.key("message"); json.string(message) }
                json.schema()
                json.key("status"); json.string(payload.status.rawValue)
                json.key("willRetry"); json.bool(payload.willRetry)
            case .runFinished(let payload):
                json.key("counts")
                json.object { counts in
                    for status in payload.counts.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                        counts.key(status); counts.number(payload.counts[status]!)
                    }
                }
                json.key("duration"); try payload.duration.write(to: &json)
                json.key("exitCode"); json.number(payload.exitCode)
                json.key("flaky"); json.number(payload.flaky)
                json.key("kind"); json.string(kind)
                json.key("runID"); json.string(payload.runID)
                json.schema()
                json.key("status"); json.string(payload.status.rawValue)
            case .unknown:
                json.key("kind"); json.string(kind)
                json.schema()
            }
        }
    }
}

extension JSONWriter {
    /// The stream's schema version, which every event carries.
    fileprivate mutating func schema() {
        key("schema"); number(Event.schemaVersion)
    }

    /// The first members of every step and item event, in their order.
    fileprivate mutating func place(at: Timing, attempt: Int, caseID: String) throws {
        key("at"); try at.write(to: &self)
        key("attempt"); number(attempt)
        key("caseID"); string(caseID)
    }
}

extension Timing {
    fileprivate func write(to json: inout JSONWriter) throws {
        try json.object { json in
            json.key("virtual"); try json.number(virtual)
            json.key("wall"); try json.number(wall)
        }
    }
}

extension SourceLocation {
    fileprivate func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("column"); json.number(column)
            json.key("file"); json.string(file)
            json.key("line"); json.number(line)
        }
    }
}

extension Diagnostic {
    fileprivate func write(to json: inout JSONWriter) {
        json.object { json in
            if let code { json.key("code"); json.string(code.rawValue) }
            if let hint { json.key("hint"); json.string(hint) }
            if let location { json.key("location"); location.write(to: &json) }
            json.key("message"); json.string(message)
            json.key("severity"); json.string(severity.rawValue)
        }
    }
}

extension CasePlan {
    fileprivate func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("folder"); json.strings(folder)
            json.key("format"); json.string(format.rawValue)
            json.key("key"); json.string(key)
            json.key("labels"); json.strings(labels)
            json.key("location"); location.write(to: &json)
            if let priority { json.key("priority"); json.string(priority) }
            if let status { json.key("status"); json.string(status) }
            json.key("steps"); json.array(steps) { json, step in step.write(to: &json) }
            json.key("title"); json.string(title)
        }
    }
}

extension StepPlan {
    fileprivate func write(to json: inout JSONWriter) {
        json.object { json in
            if let call {
                json.key("call")
                json.object { json in
                    json.key("key"); json.string(call.key)
                    if let name = call.name { json.key("name"); json.string(name) }
                }
            }
            json.key("items"); json.array(items) { json, item in item.write(to: &json) }
            json.key("location"); location.write(to: &json)
            json.key("number"); json.string(number)
            json.key("stepID"); json.string(stepID)
        }
    }
}

extension ItemPlan {
    fileprivate func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("binding"); binding.write(to: &json)
            json.key("context"); json.strings(context)
            json.key("itemID"); json.string(itemID)
            json.key("kind"); json.string(kind.rawValue)
            json.key("location"); location.write(to: &json)
            json.key("text"); json.string(text)
        }
    }
}

extension BindingInfo {
    /// As its `encode(to:)` writes it.
    fileprivate func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("arguments"); json.strings(arguments)
            json.key("candidates"); json.candidates(candidates)
            if let definition {
                json.key("definitionLocation"); definition.location.write(to: &json)
                json.key("expression"); json.string(definition.expression)
                if !definition.phrases.isEmpty { json.key("phrases"); json.candidates(definition.phrases) }
            }
            if let snippet { json.key("snippet"); json.string(snippet) }
            json.key("state"); json.string(state.rawValue)
        }
    }
}

extension JSONWriter {
    fileprivate mutating func candidates(_ values: [BindingInfo.Candidate]) {
        array(values) { json, candidate in
            json.object { json in
                json.key("expression"); json.string(candidate.expression)
                json.key("location"); candidate.location.write(to: &json)
            }
        }
    }
}
