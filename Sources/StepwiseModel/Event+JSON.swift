import Foundation

/// Events written straight from their fields, as the bytes `JSONEncoder` (and so
/// `EventStream.makeEncoder()`) writes for their `Encodable` form: the same keys, values and
/// omitted `nil`s, keys sorted in byte order.
///
/// Going through `Encodable` makes the Swift runtime instantiate keyed containers for every
/// coding-key type an event holds, the first time the process meets each, and look up their
/// conformances among every conformance in the binary: in a run of one case that cost more than
/// the rest of writing its stream. A test compares the two over recorded runs and over every
/// optional field, set and unset.
extension Event {
    /// The JSON text of the event, one line of the stream without its newline.
    package func jsonLine() throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        try jsonNode().write(into: &out)
        return out
    }

    func jsonNode() throws -> JSONNode {
        let object = JSONObject()
        object["schema"] = JSONText.number(Event.schemaVersion)
        object["kind"] = .string(kind)
        switch self {
        case .runStarted(let payload):
            object["runID"] = .string(payload.runID)
            object["startedAt"] = .string(JSONText.iso8601(payload.startedAt))
            object["tool"] = .string(payload.tool)
            object["cases"] = JSONText.number(payload.cases)
            object["jobs"] = JSONText.number(payload.jobs)
            object["clock"] = .string(payload.clock.rawValue)
            object["strict"] = .bool(payload.strict)
        case .diagnostic(let payload):
            object["runID"] = .string(payload.runID)
            object["caseID"] = payload.caseID.map(JSONNode.string)
            object["diagnostic"] = payload.diagnostic.jsonNode
            object["sourceLine"] = payload.sourceLine.map(JSONNode.string)
        case .caseStarted(let payload):
            object["runID"] = .string(payload.runID)
            object["caseID"] = .string(payload.caseID)
            object["attempt"] = JSONText.number(payload.attempt)
            object["plan"] = payload.plan.jsonNode
            object["at"] = try JSONText.number(payload.at)
        case .stepStarted(let payload):
            try object.place(caseID: payload.caseID, stepID: payload.stepID, attempt: payload.attempt, at: payload.at)
        case .itemStarted(let payload):
            try object.place(caseID: payload.caseID, stepID: payload.stepID, attempt: payload.attempt, at: payload.at)
            object["itemID"] = .string(payload.itemID)
        case .itemFinished(let payload):
            try object.place(caseID: payload.caseID, stepID: payload.stepID, attempt: payload.attempt, at: payload.at)
            object["itemID"] = .string(payload.itemID)
            object["status"] = .string(payload.status.rawValue)
            object["duration"] = try payload.duration.jsonNode()
            object["message"] = payload.message.map(JSONNode.string)
            object["failureLocation"] = payload.failureLocation?.jsonNode
            object["notes"] = .strings(payload.notes)
        case .stepFinished(let payload):
            try object.place(caseID: payload.caseID, stepID: payload.stepID, attempt: payload.attempt, at: payload.at)
            object["status"] = .string(payload.status.rawValue)
            object["duration"] = try payload.duration.jsonNode()
        case .caseFinished(let payload):
            object["caseID"] = .string(payload.caseID)
            object["attempt"] = JSONText.number(payload.attempt)
            object["status"] = .string(payload.status.rawValue)
            object["flaky"] = .bool(payload.flaky)
            object["willRetry"] = .bool(payload.willRetry)
            object["at"] = try JSONText.number(payload.at)
            object["duration"] = try payload.duration.jsonNode()
            object["message"] = payload.message.map(JSONNode.string)
        case .runFinished(let payload):
            object["runID"] = .string(payload.runID)
            object["status"] = .string(payload.status.rawValue)
            let counts = JSONObject()
            for (status, count) in payload.counts { counts[status] = JSONText.number(count) }
            object["counts"] = .object(counts)
            object["flaky"] = JSONText.number(payload.flaky)
            object["duration"] = try payload.duration.jsonNode()
            object["exitCode"] = JSONText.number(payload.exitCode)
        case .unknown:
            break
        }
        return .object(object)
    }
}

extension JSONObject {
    /// The fields every step and item event starts with.
    fileprivate func place(caseID: String, stepID: String, attempt: Int, at: Timing) throws {
        self["caseID"] = .string(caseID)
        self["stepID"] = .string(stepID)
        self["attempt"] = JSONText.number(attempt)
        self["at"] = try at.jsonNode()
    }
}

extension Timing {
    fileprivate func jsonNode() throws -> JSONNode {
        .members(["wall": try JSONText.number(wall), "virtual": try JSONText.number(virtual)])
    }
}

extension SourceLocation {
    fileprivate var jsonNode: JSONNode {
        .members(["file": .string(file), "line": JSONText.number(line), "column": JSONText.number(column)])
    }
}

extension Diagnostic {
    fileprivate var jsonNode: JSONNode {
        let object = JSONObject()
        object["severity"] = .string(severity.rawValue)
        object["message"] = .string(message)
        object["location"] = location?.jsonNode
        object["hint"] = hint.map(JSONNode.string)
        object["code"] = code.map { .string($0.rawValue) }
        return .object(object)
    }
}

extension CasePlan {
    fileprivate var jsonNode: JSONNode {
        let object = JSONObject()
        object["key"] = .string(key)
        object["title"] = .string(title)
        object["folder"] = .strings(folder)
        object["labels"] = .strings(labels)
        object["priority"] = priority.map(JSONNode.string)
        object["status"] = status.map(JSONNode.string)
        object["format"] = .string(format.rawValue)
        object["location"] = location.jsonNode
        object["steps"] = .array(JSONArray(steps.map(\.jsonNode)))
        return .object(object)
    }
}

extension StepPlan {
    fileprivate var jsonNode: JSONNode {
        let object = JSONObject()
        object["stepID"] = .string(stepID)
        object["number"] = .string(number)
        if let call {
            let called = JSONObject()
            called["key"] = .string(call.key)
            called["name"] = call.name.map(JSONNode.string)
            object["call"] = .object(called)
        }
        object["location"] = location.jsonNode
        object["items"] = .array(JSONArray(items.map(\.jsonNode)))
        return .object(object)
    }
}

extension ItemPlan {
    fileprivate var jsonNode: JSONNode {
        .members([
            "itemID": .string(itemID), "kind": .string(kind.rawValue), "text": .string(text), "context": .strings(context),
            "location": location.jsonNode, "binding": binding.jsonNode,
        ])
    }
}

extension BindingInfo {
    /// As its `encode(to:)` writes it.
    fileprivate var jsonNode: JSONNode {
        let object = JSONObject()
        object["state"] = .string(state.rawValue)
        object["expression"] = definition.map { .string($0.expression) }
        object["definitionLocation"] = definition?.location.jsonNode
        object["arguments"] = .strings(arguments)
        if let phrases = definition?.phrases, !phrases.isEmpty { object["phrases"] = .candidates(phrases) }
        object["snippet"] = snippet.map(JSONNode.string)
        object["candidates"] = .candidates(candidates)
        return .object(object)
    }
}

extension JSONNode {
    fileprivate static func bool(_ value: Bool) -> JSONNode { .literal(value ? "true" : "false") }

    fileprivate static func strings(_ values: [String]) -> JSONNode { .array(JSONArray(values.map(JSONNode.string))) }

    fileprivate static func candidates(_ values: [BindingInfo.Candidate]) -> JSONNode {
        .array(JSONArray(values.map { .members(["expression": .string($0.expression), "location": $0.location.jsonNode]) }))
    }

    /// An object of these members.
    fileprivate static func members(_ members: [String: JSONNode]) -> JSONNode {
        let object = JSONObject()
        object.members = members
        return .object(object)
    }
}
