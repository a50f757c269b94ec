import Testing

@testable import StepwiseCLI

@Suite("The runner's heap reserve")
struct HeapReserveTests {
    #if os(Linux) && canImport(Glibc)
    @Test("on glibc the allocator takes the pad, so that each thread's heap is reserved whole")
    func glibcTakesThePad() {
        #expect(HeapReserve.apply())
        // Setting it again is harmless: the value is the same.
        #expect(HeapReserve.apply())
        #expect(HeapReserve.pad >= 1 << 20)
    }
    #else
    @Test("elsewhere it does nothing and says so")
    func elsewhereNothing() {
        #expect(!HeapReserve.apply())
    }
    #endif
}
