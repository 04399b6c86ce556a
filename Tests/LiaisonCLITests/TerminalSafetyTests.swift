import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

/// Names with characters a terminal acts on (ESC, C1 controls such as CSI
/// U+009B, bidirectional formatting characters) reach tables and messages
/// as plain spaces.
@Suite struct TerminalSafetyTests {
  /// One name per class of character, each between `<` and `>` so the test can find it.
  static let names = [
    "Esc <\u{1B}[2J> Red", "Csi <\u{009B}2J> C1", "Nel <\u{0085}> C1", "Apc <\u{009F}> C1", "Rlo <\u{202E}> gnp.exe",
    "Lrm <\u{200E}\u{200F}> marks", "Embed <\u{202A}\u{202B}\u{202C}\u{202D}> x",
    "Isolate <\u{2066}\u{2067}\u{2068}\u{2069}> x",
    "Alm <\u{061C}> x", "Sep <\u{2028}\u{2029}> x",
  ]

  static let unsafe: Set<UInt32> = Set(Array(0..<0x20) + Array(0x7F...0x9F) + [0x061C, 0x200E, 0x200F])
    .union(Set(0x2028...0x202E)).union(Set(0x2066...0x2069))

  /// Unsafe scalars in `text` other than line feeds.
  static func unsafeScalars(_ text: String) -> [String] {
    text.unicodeScalars.filter { $0 != "\n" && unsafe.contains($0.value) }.map {
      "U+" + String($0.value, radix: 16, uppercase: true)
    }
  }

  /// A star around person 0 (every name a broker candidate), and a second person per name for ambiguity.
  static func network(_ tmp: TempFolder) -> [String] {
    var people = "id,name,company\nhub,Hub,Acme\n"
    var ties = "source,target,strength\n"
    for (i, n) in names.enumerated() {
      people += "a\(i),\"\(n)\",\"Co \(n)\"\nb\(i),\"\(n)\",Other\n"
      ties += "hub,a\(i),0.9\na\(i),b\(i),0.5\n"
    }
    return [tmp.write("people.csv", people), tmp.write("ties.csv", ties)]
  }

  @Test func tablesNeutraliseControlAndBidiCharacters() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let inputs = Self.network(tmp)
    #expect(
      runCLI(arguments: ["brokers"] + inputs + ["--top", "40", "--output", "\(tmp.path)/b.txt"]) == 0)
    let table = try #require(tmp.read("b.txt"))
    #expect(Self.unsafeScalars(table) == [])
    for n in Self.names {
      let shown = String(String.UnicodeScalarView(n.unicodeScalars.map { Self.unsafe.contains($0.value) ? " " : $0 }))
      #expect(table.contains(shown), "\(shown) in the table, its controls as spaces")
    }
  }

  @Test func messagesNeutraliseControlAndBidiCharacters() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let inputs = Self.network(tmp)
    for n in Self.names {
      var code: Int32 = 0
      // Ambiguous: both people named `n` listed with their companies.
      let ambiguous = capturingStandardError {
        code = runCLI(arguments: ["path"] + inputs + ["--from", n, "--to", "hub"])
      }
      #expect(code == 1)
      let lines = ambiguous.split(separator: "\n").filter {
        $0.contains("a\(Self.names.firstIndex(of: n)!)") || $0.contains("matches")
      }
      #expect(lines.count >= 2, "\(ambiguous)")
      #expect(Self.unsafeScalars(ambiguous) == [], "\(n.debugDescription): \(ambiguous.debugDescription)")
      // Nobody: the reference itself is quoted in the message.
      let nobody = capturingStandardError {
        code = runCLI(arguments: ["reach"] + inputs + ["--ego", n + " nobody"])
      }
      #expect(code == 1 && nobody.contains("nobody"))
      #expect(Self.unsafeScalars(nobody) == [], "\(n.debugDescription): \(nobody.debugDescription)")
    }
  }
}
