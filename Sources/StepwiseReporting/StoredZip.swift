import Foundation

/// A zip archive of uncompressed ("stored") entries: what Zephyr Scale's automation upload takes.
///
/// Written by hand rather than with a zip library: the upload is one small JSON file, stored
/// entries need only the headers and a CRC-32, and this keeps a dependency out of the build.
/// Names are flagged as UTF-8; the timestamp is given, so the same input gives the same bytes.
struct StoredZip {
    private(set) var entries: [(name: String, data: Data)] = []
    var modified: Date

    init(modified: Date) {
        self.modified = modified
    }

    mutating func add(_ name: String, _ data: Data) {
        entries.append((name, data))
    }

    var data: Data {
        var archive = Data()
        var directory = Data()
        let (time, date) = dosTimestamp(modified)
        for entry in entries {
            let name = Data(entry.name.utf8)
            let crc = CRC32.checksum(entry.data)
            let offset = UInt32(archive.count)
            // Local file header.
            archive.append(le32: 0x0403_4b50)
            archive.append(le16: 20)  // version needed: 2.0
            archive.append(le16: 0x0800)  // names are UTF-8
            archive.append(le16: 0)  // stored
            archive.append(le16: time)
            archive.append(le16: date)
            archive.append(le32: crc)
            archive.append(le32: UInt32(entry.data.count))
            archive.append(le32: UInt32(entry.data.count))
            archive.append(le16: UInt16(name.count))
            archive.append(le16: 0)
            archive.append(name)
            archive.append(entry.data)
            // Its central directory record.
            directory.append(le32: 0x0201_4b50)
            directory.append(le16: 0x031E)  // made by: Unix, 3.0
            directory.append(le16: 20)
            directory.append(le16: 0x0800)
            directory.append(le16: 0)
            directory.append(le16: time)
            directory.append(le16: date)
            directory.append(le32: crc)
            directory.append(le32: UInt32(entry.data.count))
            directory.append(le32: UInt32(entry.data.count))
            directory.append(le16: UInt16(name.count))
            directory.append(le16: 0)  // extra
            directory.append(le16: 0)  // comment
            directory.append(le16: 0)  // disk
            directory.append(le16: 0)  // internal attributes
            directory.append(le32: 0o100644 << 16)  // a regular file, rw-r--r--
            directory.append(le32: offset)
            directory.append(name)
        }
        let directoryOffset = UInt32(archive.count)
        archive.append(directory)
        // End of central directory.
        archive.append(le32: 0x0605_4b50)
        archive.append(le16: 0)
        archive.append(le16: 0)
        archive.append(le16: UInt16(entries.count))
        archive.append(le16: UInt16(entries.count))
        archive.append(le32: UInt32(directory.count))
        archive.append(le32: directoryOffset)
        archive.append(le16: 0)
        return archive
    }

    /// MS-DOS time and date fields, in UTC, clamped to the years they can hold (1980–2107).
    private func dosTimestamp(_ date: Date) -> (UInt16, UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = min(max((parts.year ?? 1980) - 1980, 0), 127)
        let time = UInt16((parts.hour ?? 0) << 11 | (parts.minute ?? 0) << 5 | (parts.second ?? 0) / 2)
        let day = UInt16(year << 9 | (parts.month ?? 1) << 5 | (parts.day ?? 1))
        return (time, day)
    }
}

/// CRC-32 as zip uses it (IEEE 802.3, reflected polynomial 0xEDB88320).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) {
        append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)])
    }

    fileprivate mutating func append(le32 value: UInt32) {
        append(contentsOf: [
            UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24),
        ])
    }
}
