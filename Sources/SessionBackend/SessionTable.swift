/// The Sessions table: the rows in one dense array and an index from token to row.
///
/// A `[MattermostID: SessionRecord]` dictionary keeps its buckets three-quarters full at most and
/// grows by doubling, so 400,000 sessions sat in 1,048,576 buckets of key and record: over 400
/// bytes a session. Here the records are packed (an array's unused capacity is never touched, so
/// never resident) and only the 20-byte token-to-row entries pay for the spare buckets. Removing a
/// row moves the last one into its place.
struct SessionTable: Sendable {
    /// The rows, in no particular order. Fields may be changed in place; rows are added and removed
    /// only through the table.
    var rows: [SessionRecord] = []
    private var slots: [MattermostID: Int32] = [:]

    var count: Int { rows.count }
    var isEmpty: Bool { rows.isEmpty }

    /// Every token, as of now (a copy: the loop may change rows).
    var keys: [MattermostID] { rows.map(\.token) }

    /// The row index of a token.
    func index(forKey token: MattermostID) -> Int? { slots[token].map(Int.init) }

    subscript(token: MattermostID) -> SessionRecord? {
        get { slots[token].map { rows[Int($0)] } }
        set {
            if let newValue {
                if let slot = slots[token] {
                    rows[Int(slot)] = newValue
                } else {
                    slots[token] = Int32(rows.count)
                    rows.append(newValue)
                }
            } else {
                removeValue(forKey: token)
            }
        }
    }

    @discardableResult
    mutating func removeValue(forKey token: MattermostID) -> SessionRecord? {
        guard let slot = slots.removeValue(forKey: token).map(Int.init) else { return nil }
        let removed = rows[slot]
        let last = rows.count - 1
        if slot != last {
            rows[slot] = rows[last]
            slots[rows[slot].token] = Int32(slot)
        }
        rows.removeLast()
        return removed
    }

    mutating func reserveCapacity(_ count: Int) {
        rows.reserveCapacity(count)
        slots.reserveCapacity(count)
    }
}
