import Synchronization

/// A value made the first time it is read, then kept: for work most runs never need, or need
/// only for a few of many values (a compiled pattern, texts for "did you mean"). Readers on
/// several threads at once wait for the one making it, and it is made once.
package final class OnFirstUse<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let made = Mutex<Value?>(nil)

    package init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    /// The value, made now if it was not yet.
    package var value: Value {
        made.withLock { made in
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
