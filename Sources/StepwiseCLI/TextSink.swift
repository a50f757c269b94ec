import StepwiseReporting
import Foundation

/// Where a command writes text: standard output, standard error, or a buffer in tests.
struct TextSink: Sendable {
    let write: @Sendable (String) -> Void
    /// Writes UTF-8 bytes; by default as the text they spell.
    let writeBytes: @Sendable ([UInt8]) -> Void

    init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
        writeBytes = { write(String(decoding: $0, as: UTF8.self)) }
    }

    init(write: @escaping @Sendable (String) -> Void, writeBytes: @escaping @Sendable ([UInt8]) -> Void) {
        self.write = write
        self.writeBytes = writeBytes
    }

    static let standardOutput = TextSink(
        write: { StandardStreams.write($0, to: .output) }, writeBytes: { StandardStreams.write(Data($0), to: .output) })
    static let standardError = TextSink(
        write: { StandardStreams.write($0, to: .error) }, writeBytes: { StandardStreams.write(Data($0), to: .error) })
}

/// Output gathered into blocks of about 64 KB, each written at once: one system call per block
/// rather than one per case. ``flush()`` writes what is left.
struct BufferedSink {
    private let sink: TextSink
    private var pending: [UInt8] = []
    private static let blockSize = 1 << 16

    init(_ sink: TextSink) { self.sink = sink }

    mutating func write(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        if pending.count >= Self.blockSize { flush() }
    }

    mutating func write(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= Self.blockSize { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        sink.writeBytes(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
