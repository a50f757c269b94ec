#if canImport(Glibc)
import Glibc
#endif

/// How much heap the C allocator reserves each time it grows one, set once when a runner starts.
///
/// glibc's allocator gives each thread that allocates a heap of its own and grows it by what the
/// allocation in hand needs, one `mprotect(2)` call per page or so: a run of one case made some 250
/// of them, most from the thread loading the step libraries, each taking the process's memory-map
/// lock from the threads faulting in code meanwhile. With a pad of a few megabytes each heap is
/// reserved once, whole. Reserved is not committed: a page still costs memory only once touched.
enum HeapReserve {
    /// The pad: the libraries a run loads and a large export's read both fit in it.
    static let pad: Int32 = 4 << 20

    /// Sets the pad (`mallopt(M_TOP_PAD)`) where the C library is glibc; elsewhere does nothing.
    /// Looked up by name: Swift's view of the C library does not declare `mallopt`.
    /// Returns whether the allocator took it.
    @discardableResult
    static func apply() -> Bool {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let topPad: Int32 = -2  // M_TOP_PAD in <malloc.h>
        return unsafeBitCast(symbol, to: Mallopt.self)(topPad, pad) == 1
        #else
        return false
        #endif
    }
}
