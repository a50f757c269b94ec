/// Allure 2's test result file (`{uuid}-result.json`), with the field names of
/// allure-python-commons' model (`allure_commons.model2`): only the fields Stepwise fills. `nil`
/// fields are left out of the JSON.
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
        /// Left out of Allure's history key: set on the times, which change every run.
        var excluded: Bool?

        init(name: String, value: String, excluded: Bool? = nil) {
            self.name = name
            self.value = value
            self.excluded = excluded
        }
    }

    /// A file beside the result (`source`), such as an item's notes.
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
