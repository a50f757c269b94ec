import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program for a test and collects what it prints, without holding up other tests.
///
/// Tests run concurrently on Swift's cooperative thread pool, which has one thread per core.
/// A test that waits for a child process on one of those threads (Foundation's `Process` and
/// `waitUntilExit`) starves every other test of a thread for as long as the child runs (a nested
/// `swift build`, a headless browser), and runs with wall-clock limits then fail for no reason of
/// their own. Here the child is started with `posix_spawn` and every blocking read and wait happens
/// on threads of its own.
public enum ChildProcess {
    public struct Output: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended the child.
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public var call: String
        public var code: Int32
        public var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    /// Runs `path` with `arguments` in `directory`, feeding it `input` on standard input.
    ///
    /// - Parameter started: called with the child's process ID once it runs (to signal it, say).
    public static func run(
        _ path: String, _ arguments: [String], in directory: String? = nil, input: Data = Data(),
        started: @escaping @Sendable (pid_t) -> Void = { _ in }
    ) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(path, arguments, in: directory, input: input, started: started) })
            }
        }
    }

    /// The first executable called `name` on `PATH`, or in the usual system folders.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"]
        return folders.map { "\($0)/\(name)" }.first(where: FileManager.default.isExecutableFile(atPath:))
    }

    static func runBlocking(
        _ path: String, _ arguments: [String], in directory: String?, input: Data,
        started: (pid_t) -> Void = { _ in }
    ) throws -> Output {
        spawnLock.lock()
        var locked = true
        defer { if locked { spawnLock.unlock() } }
        let stdin = try makePipe()
        let stdout = try makePipe()
        let stderr = try makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        for descriptor in [stdin.read, stdin.write, stdout.read, stdout.write, stderr.read, stderr.write] {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        // posix_spawn has no portable way to change directory: a shell does it, then becomes the program.
        let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, path] + arguments } ?? [path] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The child starts with no signal blocked, whatever this thread blocks: a test that sends
        // it SIGTERM sees what a user's shell would.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, environ)
        spawnLock.unlock()
        locked = false
        close(stdin.read)
        close(stdout.write)
        close(stderr.write)
        guard spawned == 0 else {
            [stdin.write, stdout.read, stderr.read].forEach { _ = close($0) }
            throw Failure(call: "posix_spawn \(path)", code: spawned)
        }
        started(pid)
        // Feed standard input and drain standard error beside the main read, so that no pipe
        // filling up can block the child.
        let writer = Thread.detached {
            input.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(stdin.write, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(stdin.write)
        }
        let errors = Thread.detached { readAll(stderr.read) }
        let output = readAll(stdout.read)
        writer.join()
        let error = errors.join()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7F == 0
        return Output(
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
            standardOutput: String(decoding: output, as: UTF8.self), standardError: String(decoding: error, as: UTF8.self))
    }

    /// Held from making a child's pipes to spawning it, so that no child spawned meanwhile by another
    /// thread inherits a pipe end before it is marked close-on-exec.
    private static let spawnLock = NSLock()

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        // Close-on-exec, set while no other thread spawns (see `spawnLock`): tests spawn children
        // from several threads at once, and a pipe end inherited by another test's child kept this
        // child's standard input open, so a child reading it to the end never finished.
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw Failure(call: "pipe", code: errno) }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (descriptors[0], descriptors[1])
    }

    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        close(descriptor)
        return data
    }
}

/// A value computed on a thread of its own, waited for with ``join()``.
final class Joinable<Value: Sendable>: @unchecked Sendable {
    // Safe: `value` is written once by the worker before it signals, and read only after the wait.
    private var value: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            value = work()
            done.signal()
        }
    }

    func join() -> Value {
        done.wait()
        return value!
    }
}

extension Thread {
    static func detached<Value: Sendable>(_ work: @escaping @Sendable () -> Value) -> Joinable<Value> {
        Joinable(work)
    }
}
