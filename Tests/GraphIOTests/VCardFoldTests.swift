import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphIO

/// vCard folds (a line end and one space or tab, removed wherever they are)
/// that split a UTF-8 character: the file is still read as UTF-8.
@Suite struct VCardFoldTests {
  /// A card whose FN and N are folded inside two-byte characters, with each kind of line end and indent.
  func card(_ lineEnd: String, _ indent: String) -> [UInt8] {
    let fold = Array((lineEnd + indent).utf8)
    let end = Array(lineEnd.utf8)
    return Array("BEGIN:VCARD".utf8) + end + Array("VERSION:3.0".utf8) + end
      + Array("FN:Zo".utf8) + [0xC3] + fold + [0xAB] + Array(" Dupont".utf8) + end
      + Array("N:Ch".utf8) + [0xC3] + fold + [0xA2] + Array("teau;Fran".utf8) + [0xC3, 0xA7] + Array("ois;;;".utf8)
      + end
      + Array("EMAIL:zoe@example.org".utf8) + end + Array("END:VCARD".utf8) + end
  }

  @Test(arguments: [("\r\n", " "), ("\n", " "), ("\r\n", "\t"), ("\r", " ")])
  func foldInsideACharacterStaysUTF8(lineEnd: String, indent: String) throws {
    let (loaded, errors) = try load([("z.vcf", card(lineEnd, indent))])
    #expect(errors.isEmpty)
    #expect(loaded.imports[0].encoding == "utf-8")
    #expect(loaded.imports[0].warnings == nil)
    #expect(person(loaded.graph, "Zoë Dupont") != nil)
    let source = ByteSource(bytes: card(lineEnd, indent), text: true, folded: true)
    var parser = try VCardParser(source: source, file: "z.vcf")
    guard case .card(let record, let warnings) = try parser.next() else {
      Issue.record("no card")
      return
    }
    #expect(warnings.isEmpty)
    #expect(record.fullName == "Zoë Dupont")
    #expect(record.familyName == "Château" && record.givenName == "François")
  }

  @Test func windows1252VCardStillFallsBack() throws {
    let bytes =
      Array("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zo".utf8) + [0xEB] + Array(" Dupont\r\nN:Ch".utf8) + [0xE2]
      + Array("\r\n teau;Fran".utf8) + [0xE7] + Array("ois\r\nEND:VCARD\r\n".utf8)
    let (loaded, _) = try load([("z.vcf", bytes)])
    #expect(loaded.imports[0].encoding?.hasPrefix("windows-1252 (fallback") == true)
    #expect(person(loaded.graph, "Zoë Dupont") != nil)
  }

  @Test func detectionUnfoldsOnlyFoldedFormats() {
    let bytes = Array("FN:Zo".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xAB] + Array("\r\n".utf8)
    #expect(TextEncoding.detect(bytes, complete: true, folded: true) == .utf8)
    #expect(TextEncoding.detect(bytes, complete: true) == .windows1252)
    // A line end that is not a fold is kept: the character stays split.
    let broken = Array("FN:Zo".utf8) + [0xC3, 0x0D, 0x0A, 0xAB]
    #expect(TextEncoding.detect(broken, complete: true, folded: true) == .windows1252)
    // The sample can end between the line end and the indent.
    #expect(TextEncoding.detect(Array("FN:Zo".utf8) + [0xC3, 0x0D], complete: false, folded: true) == .utf8)
    #expect(TextEncoding.detect(Array("FN:Zo".utf8) + [0xC3, 0x0D], complete: true, folded: true) == .windows1252)
  }
}
