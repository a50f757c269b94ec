import StepwiseBinding

/// The system under test: a till that serves customers after a delay on the case's clock.
actor Till {
    private let clock: any Clock<Duration>
    private let opensAfter: Duration
    private var openedAt: Duration?
    private(set) var isOpen = false

    init(clock: any Clock<Duration>, opensAfter: Duration) {
        self.clock = clock
        self.opensAfter = opensAfter
    }

    func open() async throws {
        try await Self.sleep(on: clock, for: opensAfter)
        isOpen = true
    }

    private static func sleep<C: Clock<Duration>>(on clock: C, for duration: Duration) async throws {
        try await clock.sleep(for: duration)
    }
}

/// The shop's world: one per case.
final class Shop {
    let till: Till
    var opening: Task<Void, any Error>?

    init(_ context: WorldContext) {
        let slow = context.configuration.isSelected("slow-till")
        till = Till(clock: context.clock, opensAfter: .seconds(slow ? 45 : 5))
    }
}

struct ShopSteps: StepLibrary {
    var options: [StepOption] {
        [.fault("slow-till", "the till takes 45 s to open instead of 5 s")]
    }

    func makeWorld(_ context: WorldContext) async throws -> Shop { Shop(context) }

    func define(_ steps: inout Steps<Shop>) {
        steps.action("press “Open” on the till") { shop, step in
            let till = shop.till
            shop.opening = Task { try await till.open() }
            try await step.advance(by: .zero)
        }
        steps.check("the till opens within {period}") { (shop, step, window: DurationRange) in
            let waited = try await step.eventually(within: window.upperBound!, every: .seconds(1), "the till opening") {
                await shop.till.isOpen
            }
            step.note("the till opened after \(DurationRange.format(waited))")
        }
        steps.manual("the cashier smiles", because: "a person judges smiles")
    }
}
