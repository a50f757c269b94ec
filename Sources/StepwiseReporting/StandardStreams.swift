import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to standard output and standard error without trapping: Foundation's
/// `FileHandle.write` raises an Objective-C-style exception (a crash) when the write fails, as on
/// a full disk (`stepwise parse > /dev/full`). Here a failed write is remembered, later writes to
/// that stream are dropped, and the command ends with an error and exit code 1
/// (``StandardStreams/failure``).
public enum StandardStreams {
    /// One of the two streams, by its file descriptor.
    public enum Stream: Int32, Sendable {
        /// Standard output, file descriptor 1.
        case output = 1
        /// Standard error, file descriptor 2.
        case error = 2

        var name: String { self == .output ? "standard output" : "standard error" }
    }

    private static let failures = Mutex<[Stream: Int32]>([:])

    /// Writes all of `data`, retrying on interruption; remembers the first failure of each stream.
    public static func write(_ data: Data, to stream: Stream) {
        data.withUnsafeBytes { write($0, to: stream) }
    }

    /// Writes `text` as UTF-8, as the data variant does.
    public static func write(_ text: String, to stream: Stream) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0), to: stream) }
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to stream: Stream) {
        guard !bytes.isEmpty, failures.withLock({ $0[stream] == nil }) else { return }
        if let failed = writeAll(bytes, to: stream.rawValue) { failures.withLock { $0[stream] = $0[stream] ?? failed } }
    }

    /// Why a write to a standard stream failed, if one did (`standard output: No space left on
    /// device`), after flushing what the C library still buffers for `print`.
    public static var failure: String? {
        // fflush(nil) flushes every C stream, stdout among them, and reports any failure.
        if fflush(nil) != 0 {
            let code = errno
            failures.withLock { $0[.output] = $0[.output] ?? code }
        }
        return failures.withLock { recorded in
            recorded.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.name): \(String(cString: strerror($0.value)))" }.joined(separator: "; ")
        }.nilIfEmpty
    }

    /// Forgets recorded failures (for tests).
    static func reset() { failures.withLock { $0 = [:] } }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
