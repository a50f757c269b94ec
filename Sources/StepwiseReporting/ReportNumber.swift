/// Conversions from the stream's seconds (any finite `Double` a JSON line can hold) that never
/// trap: a report of a run with an absurd duration still renders.
enum ReportNumber {
    /// The value rounded and clamped into `Int64`; `0` for NaN.
    static func int64(_ value: Double) -> Int64 {
        guard !value.isNaN else { return 0 }
        // Int64.max is not exactly representable; 2^63 is the first Double past it.
        if value >= 9_223_372_036_854_775_808 { return .max }
        if value < -9_223_372_036_854_775_808 { return .min }
        return Int64(value.rounded())
    }

    /// Milliseconds for a time in seconds, clamped.
    static func milliseconds(_ seconds: Double) -> Int64 { int64(seconds * 1000) }

    /// `origin` plus a time in seconds, in milliseconds, saturating instead of overflowing.
    static func milliseconds(_ seconds: Double, after origin: Int64) -> Int64 {
        let offset = milliseconds(seconds)
        let (sum, overflow) = origin.addingReportingOverflow(offset)
        return overflow ? (offset > 0 ? .max : .min) : sum
    }

    /// Seconds with three decimals (`12.345`), never negative, never `inf` or `nan`: the form
    /// Surefire-style `time` attributes take.
    static func decimalSeconds(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? decimalSeconds(.greatestFiniteMagnitude) : "0.000" }
        return String(format: "%.3f", max(0, value))
    }
}
