import Foundation
import GraphIO
import LiaisonCLI
import LiaisonTestSupport
import Testing

/// Never silent garbage (Guides/Importing.md, "Never silent garbage" and
/// "Folders"): mostly rejected files are refused with the likely cause,
/// header-less files are read as data, row warnings are capped, files given
/// twice are read once, folders skip what is not data, owners come from the
/// archive, and output names must match what is written.
@Suite struct InputSafetyTests: NetworkFileSuite {
  /// Runs a command; returns its exit code and standard error.
  func run(_ arguments: [String]) -> (Int32, String) {
    var code: Int32 = -1
    let text = capturingStandardError { code = runCLI(arguments: arguments) }
    return (code, text)
  }

  // MARK: Mostly rejected

  @Test func decimalCommasInACommaFileAreRefusedWithTheCause() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let f = tmp.write("excel.csv", "source,target,strength\na,b,\"0,8\"\nb,c,\"0,5\"\nc,d,0.5\n")
    let (code, err) = run(["stats", f])
    #expect(code == 1)
    #expect(err.contains("2 of 3 rows rejected (67 %)"))
    #expect(err.contains("decimal commas are read only in `;`-separated files"))
    #expect(err.contains("--max-rejected"))
    // The same rows with `;` are read (decimal commas there are numbers).
    let semi = tmp.write("excel-semi.csv", "source;target;strength\na;b;0,8\nb;c;0,5\nc;d;0,5\n")
    #expect(run(["stats", semi]).0 == 0)
  }

  @Test func countWeightsReadAsStrengthsAreRefusedWithTheCause() throws {
    guard let karate = real("networkx-classics/karate_club_edges.csv") else { return }
    let (code, err) = run(["stats", karate, "--weights", "strength"])
    #expect(code == 1)
    #expect(err.contains("72 of 78 rows rejected"))
    #expect(err.contains("the weights are not strengths: try --weights count"))
    // Read as detected, every row is a tie.
    let (ok, json) = runJSON(["stats", karate])
    #expect(ok == 0)
    #expect(json?["ties"] as? Int == 78)
  }

  @Test func aNetworkFileForcedAsATableSaysWhatItLooksLike() throws {
    guard let lazega = real("lazega-lawfirm/Lazega-Law-Firm.paj") else { return }
    let (code, err) = run(["stats", "--as", "ties", lazega])
    #expect(code == 1)
    #expect(err.contains("this looks like a pajek file: read it as one (pajek:PATH, or without --as)"))
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    // An edge list read as a people table: every row has too many fields.
    let edges = tmp.write("e.txt", (0..<20).map { "\($0) \($0 + 1) 0.5 x y" }.joined(separator: "\n") + "\n")
    let (code2, err2) = run(["stats", "--max-rejected", "0.1", "edges:\(edges)"])
    #expect(code2 == 1)
    #expect(err2.contains("20 of 20") || err2.contains("no usable rows"))
  }

  @Test func theLimitIsAShareOrAPercentage() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    // 3 bad rows of 20: 15 %.
    let rows = (0..<17).map { "p\($0),q\($0),0.5" } + ["a,b,x", "c,d,y", "e,f,z"]
    let f = tmp.write("t.csv", "source,target,strength\n" + rows.joined(separator: "\n") + "\n")
    #expect(run(["stats", f]).0 == 1)
    #expect(run(["stats", f, "--max-rejected", "0.2"]).0 == 0)
    #expect(run(["stats", f, "--max-rejected", "20%"]).0 == 0)
    #expect(run(["stats", f, "--max-rejected", "2"]).0 == 2)
    #expect(run(["stats", f, "--max-rejected", "lots"]).0 == 2)
  }

  // MARK: Header-less

  @Test func headerlessFilesAreData() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    for (name, text) in [
      ("t.tsv", "a\tb\t0.5\nb\tc\t0.7\n"), ("c.csv", "a,b,0.5\nb,c,0.7\n"), ("n.csv", "alice,bob\nbob,carol\n"),
    ] {
      let (code, json) = runJSON(["stats", tmp.write(name, text)])
      #expect(code == 0, "\(name)")
      #expect(json?["ties"] as? Int == 2, "\(name): the first line is a tie, not a header")
      #expect(json?["people"] as? Int == 3, "\(name)")
    }
    // A real header still is one.
    let (code, json) = runJSON(["stats", tmp.write("h.csv", "source,target,strength\nx,y,0.5\n")])
    #expect(code == 0)
    #expect(json?["ties"] as? Int == 1)
  }

  // MARK: Warnings, duplicates

  @Test func rowWarningsAreCappedPerFile() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let rows = (0..<1000).map { "p\($0),q\($0),0.5" } + (0..<30).map { "bad\($0),x\($0),zz" }
    let f = tmp.write("t.csv", "source,target,strength\n" + rows.joined(separator: "\n") + "\n")
    let (code, err) = run(["stats", f])
    #expect(code == 0)
    let rowLines = err.split(separator: "\n").filter { $0.hasPrefix("warning: \(f):") && !$0.contains("more rows") }
    #expect(rowLines.count == 20)
    #expect(err.contains("\(f): 10 more rows skipped"))
    // The JSON report lists them all.
    let (_, json) = runJSON(["stats", f])
    let imports = json?["imports"] as? [[String: Any]]
    #expect((imports?.first?["errors"] as? [Any])?.count == 30)
  }

  @Test func theSameFileGivenTwiceIsReadOnce() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let f = tmp.write("t.csv", "source,target\na,b\nb,c\n")
    let (code, json) = runJSON(["stats", f, f, "\(tmp.path)/./t.csv"])
    #expect(code == 0)
    #expect(json?["ties"] as? Int == 2)
    #expect(json?["parallelTiesMerged"] as? Int == 0)
    let skipped = try #require(json?["skipped"] as? [[String: Any]])
    #expect(skipped.count == 2)
    #expect((skipped[0]["reason"] as? String)?.hasSuffix("read once") == true)
  }

  // MARK: Folders

  @Test func aFolderSkipsWhatIsNotDataAndSaysSo() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    tmp.write("data/README.md", "# About\nsome text\n")
    tmp.write("data/photo.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])
    tmp.write("data/notes.csv", "who,whom\nx,y\n")
    tmp.write("data/ties.csv", "source,target\na,b\nb,c\n")
    let (code, json) = runJSON(["stats", "\(tmp.path)/data"])
    #expect(code == 0)
    #expect(json?["ties"] as? Int == 2)
    let skipped = try #require(json?["skipped"] as? [[String: Any]])
    let byName = Dictionary(
      uniqueKeysWithValues: skipped.map {
        (($0["file"] as? String ?? "").split(separator: "/").last.map(String.init) ?? "", $0["reason"] as? String ?? "")
      })
    #expect(byName["README.md"] == "not network or contact data (.md)")
    #expect(byName["photo.jpg"] == "not network or contact data (.jpg)")
    #expect(byName["notes.csv"]?.hasPrefix("not network or contact data: cannot tell what this file is") == true)
    let (_, err) = run(["stats", "\(tmp.path)/data"])
    #expect(err.contains("warning: skipped \(tmp.path)/data/README.md: not network or contact data (.md)"))
    // Nothing usable: exit 1.
    tmp.write("junk/README.md", "# nothing\n")
    tmp.write("junk/a.png", bytes: [0x89, 0x50, 0x4E, 0x47])
    let (bad, badErr) = run(["stats", "\(tmp.path)/junk"])
    #expect(bad == 1)
    #expect(badErr.contains("no network or contact data among the 2 files"))
  }

  @Test func oneUnusableFileIsSetAsideUnlessStrict() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let good = tmp.write("ties.csv", "source,target\na,b\nb,c\n")
    let bad = tmp.write("bad.csv", "source,target,strength\na,b,x\nb,c,y\n")
    let (code, err) = run(["stats", good, bad])
    #expect(code == 0)
    #expect(err.contains("warning: skipped \(bad):2:5: no usable rows"))
    #expect(!err.contains("try --weights"), "text in a weight column is not a weights problem")
    #expect(run(["stats", good, bad, "--strict"]).0 == 1)
  }

  /// A card that names nobody (a photo alone) is how phones export some
  /// contacts: its file is set aside, the other cards are read.
  @Test func aPhotoOnlyVCardDoesNotStopTheOthers() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    for i in 0..<7 {
      tmp.write("cards/c\(i).vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Person \(i)\nEMAIL:p\(i)@example.org\nEND:VCARD\n")
    }
    tmp.write("cards/photo.vcf", "BEGIN:VCARD\nVERSION:3.0\nPHOTO;ENCODING=b;TYPE=JPEG:QUJDREVG\nEND:VCARD\n")
    let (code, json) = runJSON(["stats", "\(tmp.path)/cards", "--owner", "me"])
    #expect(code == 0)
    #expect((json?["imports"] as? [Any])?.count == 7)
    let skipped = try #require(json?["skipped"] as? [[String: Any]])
    #expect(skipped.count == 1)
    #expect((skipped.first?["file"] as? String)?.hasSuffix("photo.vcf") == true)
    #expect((skipped.first?["reason"] as? String)?.contains("names nobody") == true)
  }

  @Test func networkxClassicsFolder() throws {
    guard let folder = real("networkx-classics") else { return }
    let (code, json) = runJSON(["stats", folder])
    #expect(code == 0)
    let skipped = try #require(json?["skipped"] as? [[String: Any]])
    #expect(skipped.contains { ($0["file"] as? String)?.hasSuffix("SOURCE.md") == true })
    let imports = try #require(json?["imports"] as? [[String: Any]])
    // Every data file is read, each as what it is: the Davis pair as two-mode
    // (its nodes file names the modes), karate's nodes as people, the rest as ties.
    var formats: [String: String] = [:]
    for r in imports {
      let name = (r["file"] as? String ?? "").split(separator: "/").last.map(String.init) ?? ""
      formats[name] = r["format"] as? String
    }
    #expect(
      formats == [
        "davis_southern_women_edges.csv": "twomode", "davis_southern_women_nodes.csv": "twomode",
        "florentine_families_marriage_edges.csv": "ties", "karate_club_edges.csv": "ties",
        "karate_club_nodes.csv": "people", "les_miserables_edges.csv": "ties",
      ])
    for r in imports { #expect(r["rejected"] as? Int == 0) }
  }

  // MARK: Owners

  /// A LinkedIn archive's files share their owner: by their name prefix, or
  /// by the archive's Profile.csv when it is there.
  @Test func aLinkedInArchiveIsOneOwner() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    tmp.write(
      "arch/ada_Connections.csv",
      "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + "Bob,Stone,https://www.linkedin.com/in/bobstone,,Acme,Eng,01 Jan 2024\n"
        + "Cy,Young,https://www.linkedin.com/in/cyyoung,,Acme,Eng,02 Jan 2024\n")
    tmp.write(
      "arch/ada_Messages.csv",
      "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT\n"
        + "c1,,Bob Stone,https://www.linkedin.com/in/bobstone,Ada Byron,2024-05-15 10:30:00,,hi\n")
    tmp.write(
      "arch/ada_Invitations.csv",
      "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        + "Ada Byron,Cy Young,\"1/5/24, 9:00 AM\",,OUTGOING,https://www.linkedin.com/in/ada,https://www.linkedin.com/in/cyyoung\n"
    )
    let (code, json) = runJSON(["stats", "\(tmp.path)/arch"])
    #expect(code == 0)
    let imports = try #require(json?["imports"] as? [[String: Any]])
    #expect(Set(imports.compactMap { $0["owner"] as? String }) == ["ada"])
    #expect(Set(imports.compactMap { $0["ownerRule"] as? String }) == ["file-name prefix"])
    let identity = try #require(json?["identity"] as? [String: Any])
    #expect((identity["owners"] as? [Any])?.count == 1)
    // With the archive's profile, the owner is the person it names.
    tmp.write("arch/Profile.csv", "First Name,Last Name,Headline\nAda,Byron,Engineer\n")
    let (code2, json2) = runJSON(["stats", "\(tmp.path)/arch"])
    #expect(code2 == 0)
    let imports2 = try #require(json2?["imports"] as? [[String: Any]])
    #expect(Set(imports2.compactMap { $0["owner"] as? String }) == ["Ada Byron"])
    #expect(Set(imports2.compactMap { $0["ownerRule"] as? String }) == ["Profile.csv"])
    let skipped = try #require(json2?["skipped"] as? [[String: Any]])
    #expect(skipped.contains { ($0["file"] as? String)?.hasSuffix("Profile.csv") == true })
    // No introduction pairs the owner with themselves.
    let (icode, intro) = runJSON(["introduce", "\(tmp.path)/arch", "--top", "50"])
    #expect(icode == 0)
    for pair in intro?["introductions"] as? [[String: Any]] ?? [] {
      let a = (pair["a"] as? [String: Any])?["id"] as? String
      let b = (pair["b"] as? [String: Any])?["id"] as? String
      #expect(a != b)
    }
  }

  @Test func realLinkedInSamplesHaveOneOwnerPerArchive() throws {
    guard let folder = real("contacts-linkedin") else { return }
    let (code, json) = runJSON(["stats", folder])
    #expect(code == 0)
    let imports = try #require(json?["imports"] as? [[String: Any]])
    let label = imports.filter { ($0["file"] as? String)?.contains("labeldekho_") == true }
    #expect(label.count == 2)
    #expect(Set(label.compactMap { $0["owner"] as? String }) == ["labeldekho"])
  }

  // MARK: Output names

  @Test func anExtensionMustMatchWhatIsWritten() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ties = tmp.write("t.csv", "source,target\na,b\nb,c\n")
    let (code, err) = run(["render", ties, "-o", "\(tmp.path)/x.jpg"])
    #expect(code == 2)
    #expect(err.contains("the extension .jpg says JPG, but this writes SVG; name it \(tmp.path)/x.svg"))
    #expect(tmp.read("x.jpg") == nil)
    #expect(run(["stats", ties, "--format", "json", "-o", "\(tmp.path)/s.csv"]).0 == 2)
    #expect(run(["stats", ties, "-o", "\(tmp.path)/s.json"]).0 == 2)
    #expect(run(["export", ties, "--to", "gexf", "-o", "\(tmp.path)/n.graphml"]).0 == 2)
    #expect(run(["reach", ties, "--ego", "a", "--svg", "\(tmp.path)/r.png"]).0 == 2)
    // Matching, unknown or forced names pass.
    #expect(run(["stats", ties, "--format", "json", "-o", "\(tmp.path)/s.json"]).0 == 0)
    #expect(run(["stats", ties, "-o", "\(tmp.path)/s.txt"]).0 == 0)
    #expect(run(["stats", ties, "-o", "\(tmp.path)/s.out"]).0 == 0)
    #expect(run(["render", ties, "-o", "\(tmp.path)/x.jpg", "--force-extension"]).0 == 0)
    #expect(tmp.read("x.jpg")?.contains("<svg") == true)
  }
}
