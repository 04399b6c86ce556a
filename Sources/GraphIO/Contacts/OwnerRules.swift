/// Whose export a contact file is, when the command does not say for that
/// file (Guides/ContactExports.md, "Owners"). The rules, in order:
/// `OWNER=PATH`, the owner option, the LinkedIn archive's own `Profile.csv`,
/// the archive prefix shared by its files (`NAME_Connections.csv`,
/// `NAME_Messages.csv`), the folder (for files with fixed names such as
/// `Connections.csv`), the file name.
public enum OwnerRule: String, Sendable, Codable {
  case argument = "OWNER=PATH"
  case option = "--owner"
  case profile = "Profile.csv"
  case prefix = "file-name prefix"
  case folder
  case fileName = "file name"
}

enum OwnerRules {
  /// The stems (lower case, spaces removed) of files whose names say what they
  /// are, not whose: LinkedIn's, and the defaults of address books.
  static let fixedNames: Set<String> = [
    "connections", "messages", "invitations", "importedcontacts", "contacts", "addressbook",
    "interactions", "google", "outlook", "thunderbird", "export", "vcards", "contactsexport",
  ]

  /// The owner of `spec`'s export and the rule that named it.
  /// - Complexity: O(1), plus reading the first lines of a `Profile.csv` beside a LinkedIn file.
  static func owner(of spec: InputSpec, format: InputFormat, option: String?) -> (String, OwnerRule) {
    if let owner = spec.owner { return (owner, .argument) }
    if let option { return (option, .option) }
    var parts = spec.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    let fileName = parts.popLast() ?? spec.path
    var stem = fileName
    if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
    let isLinkedIn = [.linkedin, .linkedinMessages, .linkedinInvitations].contains(format)
    if isLinkedIn, let name = profileName(folder: parts.isEmpty ? "." : parts.joined(separator: "/")) {
      return (name, .profile)
    }
    let key = stem.lowercased().replacingSpaces()
    if !fixedNames.contains(key) {
      if let cut = stem.lastIndex(where: { $0 == "_" || $0 == "-" }), cut != stem.startIndex,
        fixedNames.contains(String(stem[stem.index(after: cut)...]).lowercased().replacingSpaces())
      {
        return (String(stem[..<cut]), .prefix)
      }
      return (stem, .fileName)
    }
    while let folder = parts.popLast() {
      let f = folder.lowercased()
      if f.hasPrefix("basic_linkedindataexport") || f.hasPrefix("complete_linkedindataexport") || f == "." || f.isEmpty
      {
        continue
      }
      return (folder, .folder)
    }
    return (stem, .fileName)
  }

  /// `First Name Last Name` from the `Profile.csv` in `folder`, if there is
  /// one with those columns and a first row.
  static func profileName(folder: String) -> String? {
    guard let source = try? ByteSource(path: folder + "/Profile.csv", text: true),
      var csv = try? CSVTokenizer(source: source)
    else { return nil }
    guard let header = try? csv.next() else { return nil }
    let names = (0..<header.count).map { ColumnNames.normalize(header.trimmed($0) ?? "") }
    guard let first = names.firstIndex(of: "firstname"), let last = names.firstIndex(of: "lastname"),
      let row = try? csv.next()
    else { return nil }
    let name = [first, last].compactMap { $0 < row.count ? row.trimmed($0) : nil }.filter { !$0.isEmpty }
      .joined(separator: " ")
    return name.isEmpty ? nil : name
  }
}
