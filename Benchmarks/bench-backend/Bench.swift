import Foundation
import SessionBackend

/// Logins, validations and revokes per second with 100,000 users and 400,000 sessions in memory,
/// and resident bytes per session. Each run is a child process (so memory figures start clean);
/// the parent prints the median of the runs. Usage: `bench-backend [--runs N] [--users N]`.
@main
struct Bench {
    static func main() async throws {
        let arguments = CommandLine.arguments
        let users = value(after: "--users", in: arguments) ?? 100_000
        if arguments.contains("--once") {
            let figures = try await runOnce(users: users)
            print(figures.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))
            return
        }
        let runs = value(after: "--runs", in: arguments) ?? 5
        var samples: [String: [Double]] = [:]
        for run in 1...runs {
            let line = try child(arguments: ["--once", "--users", String(users)])
            FileHandle.standardError.write(Data("run \(run): \(line)\n".utf8))
            for pair in line.split(separator: " ") {
                let parts = pair.split(separator: "=")
                if parts.count == 2, let number = Double(parts[1]) { samples[String(parts[0]), default: []].append(number) }
            }
        }
        print("bench-backend: \(users) users, \(users * 4) sessions, median of \(runs) runs")
        let order = ["logins_per_s", "validations_per_s", "baseline_actor_calls_per_s", "failed_validations_per_s",
                     "revokes_per_s", "bytes_per_session", "bytes_per_user"]
        for key in order {
            guard let values = samples[key]?.sorted(), !values.isEmpty else { continue }
            print("  \(key.padding(toLength: 28, withPad: " ", startingAt: 0)) \(format(values[values.count / 2]))  (min \(format(values.first!)), max \(format(values.last!)))")
        }
    }

    static func runOnce(users userCount: Int) async throws -> [String: Double] {
        let clock = ContinuousClock()
        let backend = SessionBackend(clock: clock)
        let startRSS = residentBytes()
        var userIDs: [String] = []
        userIDs.reserveCapacity(userCount)
        for index in 0..<userCount {
            userIDs.append(await backend.createUser(NewUser(username: "user-\(index)")).id)
        }
        let usersRSS = residentBytes()
        let admin = await backend.createUser(NewUser(username: "admin", roles: [.systemUser, .systemAdmin]))
        _ = admin
        let adminToken = try await backend.login(LoginRequest(loginID: "admin", password: "Passw0rd!"), from: nil).get().token

        // Logins: four sessions per user, a mix of client kinds (a phone's carries a device id).
        let kinds: [ClientKind] = [.browser(.chrome, on: .mac), .desktopApp(on: .windows), .browser(.firefox, on: .linux),
                                   .mobileApp(.iOS, .reactNative)]
        // Kept as 16-byte ids while memory is measured (text tokens would add a heap string each).
        var tokens: [MattermostID] = []
        tokens.reserveCapacity(userCount * 4)
        let loginStart = clock.now
        for index in 0..<userCount {
            for (slot, kind) in kinds.enumerated() {
                let request = LoginRequest(loginID: "user-\(index)", password: "Passw0rd!",
                                           deviceID: kind.isMobile ? "apple_rn-v2:device-\(index)-\(slot)" : "")
                tokens.append(MattermostID(try await backend.login(request, from: kind).get().token)!)
            }
        }
        let loginTime = clock.now - loginStart
        let sessionsRSS = residentBytes()

        // Validations: random existing tokens, then an unknown one; the baseline is an empty actor call.
        var generator = SystemRandomNumberGenerator()
        let probes = (0..<1_000_000).map { _ in tokens[Int.random(in: 0..<tokens.count, using: &generator)].description }
        var valid = 0
        let validationStart = clock.now
        for token in probes where await backend.validate(token: token) { valid += 1 }
        let validationTime = clock.now - validationStart
        precondition(valid == probes.count, "a live token failed to validate")

        let unknown = MattermostID.random().description
        let failedStart = clock.now
        for _ in 0..<1_000_000 where await backend.validate(token: unknown) { valid += 1 }
        let failedTime = clock.now - failedStart

        var count = 0
        let baselineStart = clock.now
        for _ in 0..<1_000_000 { count &+= await backend.sessionCount }
        let baselineTime = clock.now - baselineStart
        precondition(count != 0)

        // Revokes: all sessions of 20,000 users, through the endpoint with the admin's token.
        let revokeCount = min(20_000, userCount)
        let revokeStart = clock.now
        for index in 0..<revokeCount { _ = try await backend.revokeAllSessions(userID: userIDs[index], token: adminToken).get() }
        let revokeTime = clock.now - revokeStart
        let remaining = await backend.sessionCount
        precondition(remaining == (userCount - revokeCount) * 4 + 1)

        return [
            "logins_per_s": Double(userCount * 4) / seconds(loginTime),
            "validations_per_s": Double(probes.count) / seconds(validationTime),
            "failed_validations_per_s": 1_000_000 / seconds(failedTime),
            "baseline_actor_calls_per_s": 1_000_000 / seconds(baselineTime),
            "revokes_per_s": Double(revokeCount) / seconds(revokeTime),
            "bytes_per_session": Double(sessionsRSS - usersRSS) / Double(userCount * 4),
            "bytes_per_user": Double(usersRSS - startRSS) / Double(userCount),
        ]
    }

    /// Resident set size from /proc/self/statm (second field, in pages).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    static func child(arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.fileExists(atPath: process.executableURL!.path) {
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func value(after flag: String, in arguments: [String]) -> Int? {
        arguments.firstIndex(of: flag).flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ value: Double) -> String {
        value >= 1000 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}
