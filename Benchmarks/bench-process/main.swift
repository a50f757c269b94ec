// bench-process: whole processes timed from the outside, as a user's shell or CI sees them.
//
//   bench-process [--runs N] -- COMMAND [ARGUMENT...] [-- COMMAND [ARGUMENT...]]...
//
// Each round starts every command once, in the order given (so that all of them see the same
// load), with standard output and standard error to /dev/null, and times it from posix_spawn
// until waitpid returns: the process's start, its work, its exit. A shell's `date` before and
// after a command adds a process of its own to every reading. Prints, per command, the median
// wall time of the N rounds (default 9) and, from the second command on, the median of the
// per-round ratios to the first command, with the lowest and highest of them. Exits 1 when a
// command cannot be started or exits non-zero.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Usage: Error {}

/// A line on standard error.
func complain(_ text: String) {
    let line = text + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}

func parse(_ arguments: [String]) throws -> (runs: Int, commands: [[String]]) {
    var runs = 9
    var rest = arguments[...]
    if rest.first == "--runs" {
        rest.removeFirst()
        guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { throw Usage() }
        runs = value
    }
    guard rest.first == "--" else { throw Usage() }
    var commands: [[String]] = []
    for word in rest {
        if word == "--" { commands.append([]) } else { commands[commands.count - 1].append(word) }
    }
    guard !commands.isEmpty, commands.allSatisfy({ !$0.isEmpty }) else { throw Usage() }
    return (runs, commands)
}

/// The wall time of one process, in seconds.
func time(_ command: [String]) -> Double {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    defer { for argument in arguments { free(argument) } }
    var pid = pid_t()
    let start = ContinuousClock.now
    let spawned = posix_spawnp(&pid, command[0], &actions, nil, &arguments, environ)
    guard spawned == 0 else {
        complain("bench-process: cannot start \(command[0]): \(String(cString: strerror(spawned)))")
        exit(1)
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let elapsed = start.duration(to: .now)
    guard status == 0 else {
        complain("bench-process: \(command.joined(separator: " ")) exited with status \(status)")
        exit(1)
    }
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

func format(_ value: Double, _ digits: Int) -> String {
    var text = String(Int((value * pow(10, Double(digits))).rounded()))
    while text.count <= digits { text = "0" + text }
    text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
    return text
}

guard let (runs, commands) = try? parse(Array(CommandLine.arguments.dropFirst())) else {
    complain("usage: bench-process [--runs N] -- COMMAND [ARGUMENT...] [-- COMMAND [ARGUMENT...]]...")
    exit(64)
}
var times = [[Double]](repeating: [], count: commands.count)
for _ in 0..<runs {
    for (index, command) in commands.enumerated() { times[index].append(time(command)) }
}
for (index, command) in commands.enumerated() {
    var line = "\(index + 1). \(command.joined(separator: " ")): \(format(median(times[index]) * 1000, 2)) ms"
    if index > 0 {
        let ratios = zip(times[index], times[0]).map { $0 / $1 }
        line += ", \(format(median(ratios), 2))x the first (rounds \(format(ratios.min()!, 2))x-\(format(ratios.max()!, 2))x)"
    }
    print(line)
}
print("median of \(runs) rounds, processes interleaved")
