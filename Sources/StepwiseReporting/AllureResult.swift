/// Allure 2's test result file (`{uuid}-result.json`), as its documentation describes it: only
/// the fields Stepwise fills. `nil` fields are left out of the JSON.
struct AllureResult: Hashable, Sendable, Codable {
    var uuid: String
    var historyId: String
    var testCaseId: String
    var name: String
    var fullName: String
    var description: String?
    var status: String
    var statusDetails: StatusDetails
    var stage: String
    var start: Int64?
    var stop: Int64?
    var labels: [Label]
    var links: [Link]
    var parameters: [Parameter]
    var steps: [Step]
    var attachments: [Attachment]

    struct StatusDetails: Hashable, Sendable, Codable {
        var known = false
        var muted = false
        var flaky = false
        var message: String?
        var trace: String?
    }

    struct Label: Hashable, Sendable, Codable {
        var name: String
        var value: String
    }

    struct Link: Hashable, Sendable, Codable {
        var type: String
        var name: String
        var url: String?
    }

    struct Parameter: Hashable, Sendable, Codable {
        var name: String
        var value: String
    }

    /// Stepwise writes no attachments; the array is there because readers expect it.
    struct Attachment: Hashable, Sendable, Codable {
        var name: String
        var source: String
        var type: String
    }

    struct Step: Hashable, Sendable, Codable {
        var name: String
        var status: String
        var statusDetails: StatusDetails
        var stage: String
        var start: Int64?
        var stop: Int64?
        var parameters: [Parameter]
        var steps: [Step]
        var attachments: [Attachment]
    }
}
