import ArgumentParser

/// The one check of a numeric option's value, used by every command's
/// `validate()`: a value out of range is a usage error (exit 2) that names
/// the option, what it allows and the value given ("--top must be a positive
/// number (at least 1); you gave -5."). Numeric options are declared
/// `parsing: .unconditional`, so a negative value reaches this check instead
/// of being taken for another option ("Missing value").
enum OptionRange {
  /// A whole number of at least `minimum`; `zeroMeans` names what 0 stands
  /// for when 0 is allowed ("everyone", "no limit"). Nil passes (not given).
  static func atLeast(_ minimum: Int, _ value: Int?, _ option: String, zeroMeans: String? = nil) throws {
    guard let value, value < minimum else { return }
    let rule: String
    switch minimum {
    case 0: rule = zeroMeans.map { "0 (\($0)) or more" } ?? "0 or more"
    case 1: rule = "a positive number (at least 1)"
    default: rule = "at least \(minimum)"
    }
    throw ValidationError("\(option) must be \(rule); you gave \(value).")
  }

  /// A whole number from `minimum` to `maximum`; `upper` names the maximum
  /// when it is another option ("--people").
  static func between(_ minimum: Int, _ maximum: Int, _ value: Int?, _ option: String, upper: String? = nil) throws {
    guard let value, value < minimum || value > maximum else { return }
    throw ValidationError("\(option) must be between \(minimum) and \(upper ?? "\(maximum)"); you gave \(value).")
  }

  /// A finite number above 0, at most `maximum` when given (the interval (0, maximum]).
  static func positive(_ value: Double, _ option: String, atMost maximum: Double? = nil) throws {
    if let maximum {
      guard !(value > 0 && value <= maximum) else { return }
      throw ValidationError("\(option) must be in (0, \(shortNumber(maximum))]; you gave \(shortNumber(value)).")
    }
    guard !(value > 0 && value.isFinite) else { return }
    throw ValidationError("\(option) must be a positive number; you gave \(shortNumber(value)).")
  }

  /// A share from 0 to 1, both included.
  static func fraction(_ value: Double, _ option: String) throws {
    guard !(0...1).contains(value) else { return }
    throw ValidationError("\(option) must be between 0 and 1; you gave \(shortNumber(value)).")
  }

  /// `1` for 1.0, `0.5` for 0.5: a number as people type it.
  static func shortNumber(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }
}
