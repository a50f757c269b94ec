/// The backend's clients by id. Ids number the clients from 1 in the order they were opened, and
/// a client is never forgotten, so the table is a list: the record of client n is the n-th.
/// (Looking one up hashes nothing, and catching every client up walks the list in place.)
struct ClientTable {
    /// Every client's record, in the order they were opened.
    var records: [ClientRecord] = []

    var isEmpty: Bool { records.isEmpty }

    /// The record of client `id`, `nil` for an id the backend never gave out. Setting stores the
    /// record of a client already opened, or of the next one (the id after the last).
    subscript(id: ClientID) -> ClientRecord? {
        get { records.indices.contains(id.value - 1) ? records[id.value - 1] : nil }
        set {
            guard let newValue else { preconditionFailure("a client is never removed") }
            precondition(newValue.id == id, "client \(id) stored as \(newValue.id)")
            if id.value - 1 == records.count { records.append(newValue) } else { records[id.value - 1] = newValue }
        }
    }
}
