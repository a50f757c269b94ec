import Synchronization
import Testing

@testable import StepwiseModel

@Suite("A value made on first use")
struct OnFirstUseTests {
    @Test("nothing is made until the value is read, and it is made once however often it is read")
    func madeOnceWhenRead() {
        let makes = Mutex(0)
        let lazy = OnFirstUse { makes.withLock { $0 += 1 }; return [1, 2, 3] }
        #expect(makes.withLock { $0 } == 0)
        #expect(lazy.value == [1, 2, 3])
        #expect(lazy.value == [1, 2, 3])
        #expect(makes.withLock { $0 } == 1)
    }

    @Test("readers on several threads at once all get the one value, made once")
    func madeOnceAcrossThreads() {
        let makes = Mutex(0)
        let lazy = OnFirstUse { makes.withLock { $0 += 1 }; return "made" }
        let read = Parallel.map(count: 200, jobs: 4) { _ in lazy.value }
        #expect(read.allSatisfy { $0 == "made" })
        #expect(makes.withLock { $0 } == 1)
    }
}
