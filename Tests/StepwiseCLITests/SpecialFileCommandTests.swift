import ArgumentParser
import Foundation
import StepwiseTestSupport
import Testing
@testable import StepwiseCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What parse, list and lint do with entries that are not plain spec files: report each, located,
/// with its code, exit 1, and still read every other file. None of them may hang.
@Suite("Special files through the commands", .timeLimit(.minutes(2)))
struct SpecialFileCommandTests {
    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// MM-T938 beside a pipe, a link to /dev/zero, a dangling link and two links in a loop.
    private func hostileDirectory() throws -> URL { try SpecialEntries.directory(named: "stepwise-special") }

    private static let expected = [
        "dangling.md:1:1: error: the symbolic link points at 'nowhere.md', which does not exist",
        "loop-a.md:1:1: error: the symbolic links loop",
        "loop-b.md:1:1: error: the symbolic links loop",
        "pipe.md:1:1: error: a named pipe (FIFO), not a regular file",
        "zero.md:1:1: error: a character device, not a regular file",
    ]

    @Test("parse, list and lint report every special entry and read the spec beside them", arguments: ["parse", "list", "lint"])
    func commands(_ name: String) throws {
        let directory = try hostileDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = Captured()
        let errors = Captured()
        let parsed = try StepwiseCommand.parseAsRoot([name, directory.path])
        let status: Int32
        switch parsed {
        case let parse as ParseCommand: status = parse.execute(output: output.sink, errors: errors.sink)
        case let list as ListCommand: status = list.execute(output: output.sink, errors: errors.sink)
        case let lint as LintCommand: status = lint.execute(errors: errors.sink)
        default: throw CancellationError()
        }
        #expect(status == 1)
        for line in Self.expected { #expect(errors.text.contains(directory.path + "/" + line), "\(line)") }
        if name != "lint" { #expect(output.text.contains("MM-T938")) }
        if name == "lint" { #expect(errors.text.hasSuffix("1 file checked: 5 errors\n")) }
    }

    @Test("an unreadable subdirectory is an error at its path; the specs beside it are read")
    func unreadableDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-unreadable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("locked"), withIntermediateDirectories: true)
        defer {
            chmod(directory.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        try FileManager.default.copyItem(
            atPath: Self.packageRoot.appendingPathComponent("specs/MM-T938.md").path, toPath: directory.path + "/MM-T938.md")
        try FileManager.default.copyItem(
            atPath: Self.packageRoot.appendingPathComponent("specs/MM-T940.md").path, toPath: directory.path + "/locked/MM-T940.md")
        try #require(chmod(directory.appendingPathComponent("locked").path, 0) == 0)
        // Permissions do not bind root: as root, the walk runs in the real executable as `nobody`.
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = try #require(
            [executable, executable.deletingLastPathComponent()].map { $0.appendingPathComponent("stepwise").path }
                .first(where: FileManager.default.isExecutableFile(atPath:)),
            "build the stepwise product before testing (swift build)")
        let (program, arguments): (String, [String])
        if geteuid() == 0 {
            let setpriv = try #require(ChildProcess.find("setpriv"), "setpriv (util-linux) runs the walk as an unprivileged user")
            (program, arguments) = (setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", binary, "lint", directory.path])
        } else {
            (program, arguments) = (binary, ["lint", directory.path])
        }
        let result = try await ChildProcess.run(program, arguments)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("\(directory.path)/locked:1:1: error: cannot read the directory: Permission denied"))
        #expect(result.standardError.hasSuffix("1 file checked: 1 error\n"), "\(result.standardError)")
    }
}
