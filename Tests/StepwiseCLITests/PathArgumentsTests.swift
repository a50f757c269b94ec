import ArgumentParser
import Testing
@testable import StepwiseCLI

@Suite("Many paths on the command line")
struct PathArgumentsTests {
    static let paths = (0..<5_000).map { "exports/folder \($0 % 7)/MM-T\($0).md" }

    @Test("five thousand paths reach parse, list and lint whole and in order", arguments: ["parse", "list", "lint"])
    func everyPathArrives(_ name: String) throws {
        let command = try #require(try PathArguments.parse([name] + Self.paths) as? any ReadsSpecPaths)
        #expect(command.input.paths == Self.paths)
    }

    @Test("the value of an option just before the paths stays the option's, and options between paths still count")
    func optionsAroundThePaths() throws {
        let arguments = ["parse", "--format", "tree"] + Self.paths.prefix(10) + ["--format", "jsonl"] + Self.paths.suffix(10)
        let command = try #require(try PathArguments.parse(arguments) as? ParseCommand)
        #expect(command.format == .jsonl)
        #expect(command.input.paths == Array(Self.paths.prefix(10) + Self.paths.suffix(10)))
    }

    @Test("after -- every argument is a path, even one that starts with a dash")
    func afterTheTerminator() throws {
        let arguments = ["list", "--", "-odd.md", "a.md", "--format", "b.md"]
        let command = try #require(try PathArguments.parse(arguments) as? ListCommand)
        #expect(command.input.paths == ["-odd.md", "a.md", "--format", "b.md"])
    }

    @Test("one or two paths, and the arguments of other commands, reach the parser as given")
    func otherArgumentsAreUntouched() {
        #expect(PathArguments(["parse", "a.md", "b.md"]).arguments == ["parse", "a.md", "b.md"])
        let run = ["run", "a.md", "b.md", "c.md", "--strict"]
        #expect(PathArguments(run).arguments == run)
        #expect(PathArguments(["lint", "a.md", "b.md", "c.md"]).arguments.count == 3)
    }

    @Test("a usage error is still one")
    func usageErrors() {
        #expect(throws: (any Error).self) { try PathArguments.parse(["parse", "--format", "xml"] + Self.paths) }
        #expect(throws: (any Error).self) { try PathArguments.parse(["list", "--no-such-option"] + Self.paths) }
    }
}

@Suite("Spec paths as reports write them")
struct PlainPathTests {
    @Test("a relative path without empty, '.' or '..' components is kept as written", arguments: ["a", "a/b.md", "...", "a/.hidden/b.md", "x..y/z"])
    func plainPathsAreKept(_ path: String) {
        #expect(SpecPath.isPlainRelative(path))
        #expect(SpecPath.relative(path, to: "/somewhere") == path)
    }

    @Test("any other path is worked out", arguments: ["", "/a", "./a", "a/./b", "a/../b", "a//b", "a/", ".", ".."])
    func otherPathsAreWorkedOut(_ path: String) {
        #expect(!SpecPath.isPlainRelative(path))
    }

    @Test("worked-out paths are relative to the directory when under it")
    func workedOut() {
        #expect(SpecPath.relative("./specs//a/../MM-T1.md", to: "/w") == "specs/MM-T1.md")
        #expect(SpecPath.relative("/w/specs/MM-T1.md", to: "/w") == "specs/MM-T1.md")
    }
}
