import GraphCore

// Short names for the formatting kit (`TextFormat`), used throughout the reports.

/// Thousands separators: "1,234".
func grouped(_ n: Int) -> String { TextFormat.grouped(n) }

/// `x` with exactly `digits` decimals.
func fixed(_ x: Double, _ digits: Int) -> String { TextFormat.fixed(x, digits) }
