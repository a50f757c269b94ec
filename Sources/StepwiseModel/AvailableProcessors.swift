import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How many processors this process may use, as Foundation's `activeProcessorCount` counts them
/// on Linux: the cgroup's CPU quota over its period, rounded up; else the first range of the
/// cgroup's cpuset; else the processors online. Those few bytes are read with plain reads:
/// Foundation reads them through `URL` and `Data`, which cost a quarter of a millisecond of a
/// one-case run, on its main thread, before the first spec was read.
package enum AvailableProcessors {
    package static var count: Int {
        #if os(Linux)
        if let quota = quota(firstLine(ofFile: "/sys/fs/cgroup/cpu/cpu.cfs_quota_us"),
                             period: firstLine(ofFile: "/sys/fs/cgroup/cpu/cpu.cfs_period_us")) {
            return quota
        }
        if let cpus = cpuset(firstLine(ofFile: "/sys/fs/cgroup/cpuset/cpuset.cpus")) { return cpus }
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return ProcessInfo.processInfo.activeProcessorCount
        #endif
    }

    /// Processors a CPU quota grants: `quota` microseconds of CPU time per `period`, rounded up;
    /// `nil` for no quota (`-1`) or text that is not a positive number.
    package static func quota(_ quota: Substring?, period: Substring?) -> Int? {
        guard let quota = quota.flatMap({ Int($0) }), quota > 0, let period = period.flatMap({ Int($0) }), period > 0
        else { return nil }
        return (quota + period - 1) / period
    }

    /// Processors in the first range of a cpuset list such as `0-3,8-11` (4), or `5` (1);
    /// `nil` when there is none.
    package static func cpuset(_ list: Substring?) -> Int? {
        guard let first = list?.split(separator: ",").first else { return nil }
        let bounds = first.split(separator: "-", maxSplits: 1)
        guard let low = bounds.first.flatMap({ Int($0) }), let high = bounds.last.flatMap({ Int($0) }), high >= low
        else { return nil }
        return high - low + 1
    }

    /// The first line of a small file, or `nil` when it cannot be read.
    static func firstLine(ofFile path: String) -> Substring? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: bytes[..<count], as: UTF8.self).split(separator: "\n").first
    }
}
