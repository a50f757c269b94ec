import ArgumentParser

/// A command whose positional arguments are spec paths (``SpecInput``).
protocol ReadsSpecPaths: ParsableCommand {
    var input: SpecInput { get set }
}

extension ParseCommand: ReadsSpecPaths {}
extension ListCommand: ReadsSpecPaths {}
extension LintCommand: ReadsSpecPaths {}

/// The paths of `parse`, `list` and `lint` handed to the argument parser in bulk.
///
/// The argument parser takes time quadratic in the number of values of one array argument (each
/// value copies the values and input positions gathered so far): `xargs stepwise list` over 4,000
/// files spent more time parsing its command line than reading the files. So a run of three or
/// more plain arguments (not starting with `-`) keeps its first, which may be an option's value,
/// and stands for the rest with one placeholder that no real argument can equal (it holds a NUL
/// byte); once parsed, the placeholder is replaced by the paths it stands for, in their order.
/// Every option still takes at most one value, so no option can see a placeholder.
struct PathArguments {
    /// The arguments as the argument parser gets them.
    private(set) var arguments: [String] = []
    /// The paths each placeholder stands for.
    private var runs: [String: ArraySlice<String>] = [:]

    /// The subcommands whose plain arguments are all spec paths or option values.
    static let commands: Set<String> = ["parse", "list", "lint"]

    init(_ given: [String]) {
        guard let name = given.first, Self.commands.contains(name) else {
            arguments = given
            return
        }
        arguments.reserveCapacity(min(given.count, 64))
        arguments.append(name)
        var index = given.startIndex + 1
        var afterTerminator = false
        while index < given.endIndex {
            let argument = given[index]
            if afterTerminator || !argument.hasPrefix("-") {
                var end = index + 1
                while end < given.endIndex, afterTerminator || !given[end].hasPrefix("-") { end += 1 }
                arguments.append(argument)
                if end - index > 2 {
                    let placeholder = "\u{0}paths \(runs.count)"
                    runs[placeholder] = given[(index + 1)..<end]
                    arguments.append(placeholder)
                } else {
                    arguments.append(contentsOf: given[(index + 1)..<end])
                }
                index = end
                continue
            }
            if argument == "--" { afterTerminator = true }
            arguments.append(argument)
            index += 1
        }
    }

    /// `paths` with every placeholder replaced by the paths it stands for.
    func expanded(_ paths: [String]) -> [String] {
        guard !runs.isEmpty else { return paths }
        var out: [String] = []
        out.reserveCapacity(paths.count + runs.values.reduce(0) { $0 + $1.count })
        for path in paths {
            if let run = runs[path] { out.append(contentsOf: run) } else { out.append(path) }
        }
        return out
    }

    /// The command the arguments name, its paths restored.
    static func parse(_ given: [String]) throws -> any ParsableCommand {
        let bulk = PathArguments(given)
        let command = try StepwiseCommand.parseAsRoot(bulk.arguments)
        guard var reading = command as? any ReadsSpecPaths else { return command }
        reading.input.paths = bulk.expanded(reading.input.paths)
        return reading
    }
}
