import ArgumentParser
import GraphAlgorithms
import GraphIO
import GraphRendering

/// An option value that is one case of an enum, accepted in both spellings:
/// kebab-case (`effective-size`, the one help shows) and the case's own
/// camelCase raw value (`effectiveSize`, the spelling JSON answers use),
/// ignoring letter case, `-` and `_`. Every enum option of every command
/// conforms, so no command parses its words by hand.
public protocol EnumArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {
  /// More accepted words, lower case (`aa` for `adamic-adar`).
  static var aliases: [String: Self] { get }
  /// The spelling help shows: the raw value in kebab-case unless a type says otherwise.
  var argumentName: String { get }
}

extension EnumArgument {
  public static var aliases: [String: Self] { [:] }

  public var argumentName: String { kebabCase(rawValue) }

  public init?(argument: String) {
    let wanted = foldedArgument(argument)
    if let match = Self.allCases.first(where: {
      foldedArgument($0.rawValue) == wanted || foldedArgument($0.argumentName) == wanted
    }) {
      self = match
    } else if let alias = Self.aliases[argument.lowercased()] {
      self = alias
    } else {
      return nil
    }
  }

  public static var allValueStrings: [String] { allCases.map(\.argumentName) }

  public var defaultValueDescription: String { argumentName }

  /// No per-value descriptions: help lists the values on one line.
  public static var allValueDescriptions: [String: String] { [:] }

  /// The values for a help sentence: "a, b or c".
  static var spelledList: String {
    let names = allValueStrings
    guard names.count > 1 else { return names.joined() }
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }
}

/// `effectiveSize` → `effective-size`.
func kebabCase(_ camel: String) -> String {
  var out = ""
  for c in camel {
    if c.isUppercase {
      if !out.isEmpty { out.append("-") }
      out += c.lowercased()
    } else {
      out.append(c)
    }
  }
  return out
}

/// Lower case without `-` and `_`: the form two spellings are compared in.
func foldedArgument(_ s: String) -> String {
  String(s.lowercased().filter { $0 != "-" && $0 != "_" })
}

extension OutputFormat: EnumArgument {}
extension ViewKind: EnumArgument {}
extension SizeMeasure: EnumArgument {}
extension LayoutEngine: EnumArgument {}
extension PictureFormat: EnumArgument {}
extension ExportFormat: EnumArgument {}

extension LinkIndex: EnumArgument {
  public static var aliases: [String: LinkIndex] {
    ["aa": .adamicAdar, "ra": .resourceAllocation, "cn": .commonNeighbors, "common": .commonNeighbors]
  }

  public var argumentName: String { self == .commonNeighbors ? "common" : kebabCase(rawValue) }
}
