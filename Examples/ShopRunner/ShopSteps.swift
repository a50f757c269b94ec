import StepwiseBinding

/// The system under test: a till that opens some time after "Open" is pressed, on the case's clock.
///
/// Its state is a function of the clock's `now`, so on virtual time it is exact and deterministic.
protocol Till: Actor {
    func pressOpen()
    var isOpen: Bool { get }
}

actor ClockedTill<C: Clock<Duration>>: Till {
    private let clock: C
    private let opensAfter: Duration
    private var opensAt: C.Instant?

    init(clock: C, opensAfter: Duration) {
        self.clock = clock
        self.opensAfter = opensAfter
    }

    func pressOpen() { opensAt = clock.now.advanced(by: opensAfter) }

    var isOpen: Bool { opensAt.map { clock.now >= $0 } ?? false }
}

/// Opens the existential clock a world receives, so the till keeps its concrete instant type.
func makeTill<C: Clock<Duration>>(clock: C, opensAfter: Duration) -> any Till {
    ClockedTill(clock: clock, opensAfter: opensAfter)
}

/// The shop's world: one per case.
final class Shop {
    let till: any Till

    init(_ context: WorldContext) {
        let slow = context.configuration.isSelected("slow-till")
        till = makeTill(clock: context.clock, opensAfter: .seconds(slow ? 45 : 5))
    }
}

struct ShopSteps: StepLibrary {
    var options: [StepOption] {
        [.fault("slow-till", "the till takes 45 s to open instead of 5 s")]
    }

    func makeWorld(_ context: WorldContext) async throws -> Shop { Shop(context) }

    func define(_ steps: inout Steps<Shop>) {
        steps.action("press “Open” on the till") { shop, _ in
            await shop.till.pressOpen()
        }
        steps.check("the till opens within {period}") { (shop, step, window: DurationRange) in
            // Records "still waiting for the till opening after 30 s" and returns nil when it never opens.
            let waited = try await step.eventually(within: window.upperBound!, every: .seconds(1), "the till opening") {
                await shop.till.isOpen
            }
            if let waited { step.note("the till opened after \(DurationRange.format(waited))") }
        }
        steps.manual("the cashier smiles", because: "a person judges smiles")
    }
}
