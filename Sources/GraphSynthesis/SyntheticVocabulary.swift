// The generator's name lists (by culture, with nicknames and credentials as LinkedIn users
// write them), free-mail domains and ASCII folding for e-mail addresses and profile slugs.
// Places, industries, company-name parts and titles are in SyntheticVocabulary+Work.swift.
/// Word lists for the synthetic network generator: names by culture, cities,
/// industries, company-name parts, job functions and titles, e-mail domains
/// and LinkedIn-export quirks.
///
/// Entries written `display|ascii` carry an explicit romanisation for names
/// in non-Latin scripts (used for e-mail addresses and profile URLs); other
/// entries are folded to ASCII by `SyntheticVocabulary.asciiFold(_:)`.
///
/// All lists are fixed arrays: the generator indexes them with seeded random
/// numbers, so changing a list changes the generated networks.
enum SyntheticVocabulary {
  // MARK: Names

  /// A naming culture: a weight (share of people) and its name lists.
  struct Culture: Sendable {
    var weight: Double
    var first: [String]
    var last: [String]
  }

  static let cultures: [Culture] = [
    Culture(
      weight: 0.20,
      first: [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
        "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen",
        "Daniel", "Emily", "Matthew", "Ashley", "Anthony", "Amanda", "Mark", "Melissa", "Andrew", "Stephanie",
        "Joshua", "Rebecca", "Kevin", "Laura", "Brian", "Rachel", "Ryan", "Megan", "Jacob", "Hannah",
        "Ethan", "Olivia", "Noah", "Emma", "Liam", "Ava", "Tyler", "Chloe", "Nathan", "Grace",
        "Katherine", "Margaret", "Benjamin", "Abigail", "Samuel", "Madison", "Ada", "Zoë", "Chloé", "Owen",
      ],
      last: [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
        "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
        "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards",
        "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed",
        "Hughes", "Price", "Bennett", "Wood", "Barnes", "Ross", "Henderson", "Coleman", "O'Brien", "O'Connor",
        "Lovelace", "Fitzgerald", "McAllister", "Sullivan", "Kelly", "Brennan",
      ]),
    Culture(
      weight: 0.09,
      first: [
        "José", "María", "Juan", "Lucía", "Carlos", "Sofía", "Luis", "Valentina", "Jorge", "Camila",
        "Alejandro", "Isabel", "Miguel", "Ana", "Andrés", "Gabriela", "Diego", "Daniela", "Javier", "Paula",
        "Fernando", "Carmen", "Ricardo", "Elena", "Raúl", "Inés", "Sergio", "Marta", "Pablo", "Ximena",
      ],
      last: [
        "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
        "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes", "Gutiérrez", "Ortiz", "Jiménez",
        "Ruiz", "Álvarez", "Castillo", "Romero", "Vargas", "Mendoza", "Castro", "Herrera", "Medina", "Núñez",
      ]),
    Culture(
      weight: 0.12,
      first: [
        "Priya", "Rahul", "Ananya", "Arjun", "Aditi", "Vikram", "Neha", "Rohan", "Kavya", "Aditya",
        "Sneha", "Karthik", "Pooja", "Siddharth", "Divya", "Amit", "Shreya", "Rajesh", "Meera", "Sanjay",
        "Lakshmi", "Venkatesh", "Deepika", "Arun", "Ishita", "Nikhil", "Anjali", "Suresh", "Riya", "Harish",
      ],
      last: [
        "Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Rao", "Joshi",
        "Mehta", "Chatterjee", "Banerjee", "Das", "Menon", "Pillai", "Agarwal", "Verma", "Kulkarni", "Desai",
        "Krishnan", "Subramanian", "Bhat", "Malhotra", "Kapoor", "Chopra", "Naidu", "Shah", "Mishra", "Pandey",
      ]),
    Culture(
      weight: 0.075,
      first: [
        "Wei", "Fang", "Jing", "Lei", "Min", "Yan", "Hao", "Xin", "Jun", "Ling",
        "Yi", "Chen", "Tao", "Hui", "Qiang", "Mei", "Bo", "Xiaoming", "Yuting", "Zihan",
      ],
      last: [
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
        "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo", "Gao",
      ]),
    // Names written in Chinese characters (romanised for e-mail and URLs).
    Culture(
      weight: 0.015,
      first: ["伟|Wei", "芳|Fang", "静|Jing", "磊|Lei", "敏|Min", "艳|Yan", "浩|Hao", "欣|Xin", "军|Jun", "玲|Ling"],
      last: ["李|Li", "王|Wang", "张|Zhang", "刘|Liu", "陈|Chen", "杨|Yang", "黄|Huang", "赵|Zhao", "吴|Wu", "周|Zhou"]),
    Culture(
      weight: 0.06,
      first: [
        "Lukas", "Anna", "Maximilian", "Lea", "Felix", "Laura", "Jonas", "Julia", "Leon", "Sophie",
        "Paul", "Marie", "Tobias", "Katharina", "Jan", "Lena", "Matthias", "Johanna", "Stefan", "Jürgen",
        "Björn", "Sören", "Käthe", "Günter", "Anja", "Sabine", "Florian", "Franziska",
      ],
      last: [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
        "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Köhler", "Weiß",
      ]),
    Culture(
      weight: 0.05,
      first: [
        "Marie", "Jean", "Camille", "Louis", "Léa", "Hugo", "Manon", "Lucas", "Chloé", "Théo",
        "Élodie", "Mathieu", "Céline", "Antoine", "Amélie", "Nicolas", "Hélène", "François", "Inès", "Étienne",
      ],
      last: [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèvre", "Michel", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Fournier",
      ]),
    Culture(
      weight: 0.04,
      first: [
        "Łukasz", "Agnieszka", "Piotr", "Katarzyna", "Tomasz", "Małgorzata", "Paweł", "Magdalena", "Michał", "Joanna",
        "Krzysztof", "Aleksandra", "Wojciech", "Zofia", "Jakub", "Ewa",
      ],
      last: [
        "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
        "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowska", "Mazur", "Krawczyk", "Grabowska",
      ]),
    Culture(
      weight: 0.04,
      first: [
        "Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Luca", "Sara", "Matteo", "Martina", "Lorenzo",
        "Giorgia", "Davide", "Federica", "Niccolò", "Elisa", "Andrea",
      ],
      last: [
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
        "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
      ]),
    Culture(
      weight: 0.05,
      first: [
        "João", "Ana", "Pedro", "Beatriz", "Gabriel", "Mariana", "Lucas", "Larissa", "Rafael", "Fernanda",
        "Thiago", "Juliana", "Bruno", "Letícia", "Vinícius", "Camila", "Caio", "Luíza",
      ],
      last: [
        "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Ferreira", "Rodrigues", "Almeida", "Nascimento",
        "Lima", "Araújo", "Carvalho", "Gonçalves", "Ribeiro", "Martins", "Barbosa", "Conceição",
      ]),
    Culture(
      weight: 0.03,
      first: [
        "Erik", "Astrid", "Lars", "Ingrid", "Anders", "Sigrid", "Nils", "Freja", "Magnus", "Maja",
        "Oskar", "Elin", "Søren", "Åsa", "Bjørn", "Linnéa",
      ],
      last: [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsen", "Hansen", "Jensen", "Nielsen",
        "Pedersen", "Lindqvist", "Berg", "Bergström", "Sørensen", "Åberg", "Halvorsen",
      ]),
    Culture(
      weight: 0.03,
      first: ["Daan", "Emma", "Sem", "Julia", "Bram", "Tess", "Ruben", "Fleur", "Joris", "Sanne", "Thijs", "Noor"],
      last: [
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "van der Meer",
      ]),
    Culture(
      weight: 0.045,
      first: [
        "Mohammed", "Fatima", "Ahmed", "Aisha", "Omar", "Layla", "Youssef", "Mariam", "Khalid", "Noor",
        "Hassan", "Zainab", "Ali", "Salma", "Karim", "Rania",
      ],
      last: [
        "Al-Sayed", "Haddad", "Khoury", "Nasser", "Hussein", "Abdullah", "Rahman", "Mansour", "Saleh",
        "El-Amin", "Farouk", "Hamdan", "Aziz", "Qureshi", "Bakr", "Darwish",
      ]),
    Culture(
      weight: 0.03,
      first: [
        "Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Takumi", "Sakura", "Kenji", "Yuki",
        "Daiki", "Emi", "さくら|Sakura", "健|Ken",
      ],
      last: [
        "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi",
        "Kato", "Yoshida", "Yamada", "Saitō", "Matsumoto", "佐藤|Sato", "鈴木|Suzuki",
      ]),
    Culture(
      weight: 0.02,
      first: ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Ji-woo", "Seung-hoon", "Soo-ah", "민준|Minjun"],
      last: ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "김|Kim"]),
    Culture(
      weight: 0.03,
      first: [
        "Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Emeka", "Funmilayo", "Tunde", "Chiamaka", "Babajide", "Amara",
        "Kwame", "Abena", "Tobi", "Ifeoma",
      ],
      last: [
        "Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Adebayo", "Ogunleye", "Mensah", "Boateng",
        "Obi", "Afolabi", "Chukwu", "Oyelaran",
      ]),
    Culture(
      weight: 0.02,
      first: ["Minh", "Linh", "Hùng", "Thảo", "Tuấn", "Trang", "Đức", "Huyền", "Quang", "Ngọc"],
      last: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]),
    Culture(
      weight: 0.02,
      first: [
        "Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep", "Burak", "Elif", "Can", "Selin", "Oğuz", "Büşra",
      ],
      last: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan"]),
    Culture(
      weight: 0.025,
      first: [
        "Alexander", "Anastasia", "Dmitri", "Olga", "Sergei", "Natalia", "Ivan", "Tatiana", "Oleksandr", "Yulia",
        "Mikhail", "Irina", "Andriy", "Kateryna",
      ],
      last: [
        "Ivanov", "Petrova", "Smirnov", "Kuznetsova", "Popov", "Volkova", "Sokolov", "Shevchenko", "Kovalenko",
        "Bondarenko", "Morozov", "Novikova", "Tkachenko", "Lebedev",
      ]),
    Culture(
      weight: 0.01,
      first: ["Giorgos", "Maria", "Dimitris", "Eleni", "Nikos", "Katerina", "Kostas", "Sofia"],
      last: ["Papadopoulos", "Georgiou", "Nikolaidis", "Konstantinou", "Dimitriou", "Oikonomou", "Vlachos", "Pappas"]),
  ]

  /// Common nicknames, written by LinkedIn users as `First (Nick)`.
  static let nicknames: [(name: String, nickname: String)] = [
    ("Marie", "Mimi"), ("Robert", "Bob"), ("William", "Bill"), ("Elizabeth", "Liz"), ("Katherine", "Kate"),
    ("Alexander", "Sasha"), ("Margaret", "Peggy"), ("James", "Jim"), ("Jennifer", "Jen"), ("Michael", "Mike"),
    ("Christopher", "Chris"), ("Venkatesh", "Venky"), ("Subramanian", "Subbu"), ("Benjamin", "Ben"),
    ("Richard", "Rick"), ("Joseph", "Joe"), ("Anthony", "Tony"), ("Rebecca", "Becky"), ("Katharina", "Kathi"),
    ("Maximilian", "Max"), ("Aleksandra", "Ola"), ("Małgorzata", "Gosia"), ("Francesca", "Fran"),
    ("Oluwaseun", "Seun"), ("Funmilayo", "Funmi"), ("Xiaoming", "Sam"), ("Yuting", "Tina"), ("Zihan", "Zoe"),
    ("Seung-hoon", "Sean"), ("Min-jun", "Mike"), ("Dmitri", "Dima"), ("Anastasia", "Nastya"), ("Gabriel", "Gabe"),
    ("Alejandro", "Alex"), ("Siddharth", "Sid"), ("Abigail", "Abby"), ("Samuel", "Sam"), ("Nicolas", "Nico"),
  ]

  /// Professional credentials LinkedIn users append to their last name (`Hughes, PMP`).
  static let credentials = [
    "PMP", "MBA", "CFA", "PhD", "CPA", "SHRM-CP", "CISSP", "P.Eng.", "CSM", "ACCA", "MD", "PE", "FRM", "Ph.D.",
  ]

  // MARK: E-mail

  static let freemailDomains: [(domain: String, weight: Double)] = [
    ("gmail.com", 0.62), ("outlook.com", 0.1), ("yahoo.com", 0.08), ("hotmail.com", 0.06), ("icloud.com", 0.04),
    ("proton.me", 0.03), ("gmx.de", 0.02), ("web.de", 0.015), ("qq.com", 0.015), ("yandex.ru", 0.01),
  ]

  // MARK: ASCII folding

  /// Lower-case ASCII letters and digits of `text`, with accents removed
  /// (`Łukasz` → `lukasz`, `Zoë` → `zoe`); other characters become `separator`
  /// (collapsed, trimmed) or are dropped when `separator` is nil.
  static func asciiFold(_ text: String, separator: Character?) -> String {
    var out = ""
    var pendingSeparator = false
    for scalar in text.unicodeScalars {
      guard let folded = fold(scalar) else { continue }
      if folded.isEmpty {
        if !out.isEmpty { pendingSeparator = true }
        continue
      }
      if pendingSeparator, let separator { out.append(separator) }
      pendingSeparator = false
      out += folded
    }
    return out
  }

  /// One scalar folded to lower-case ASCII, "" for punctuation, spaces and
  /// unknown letters (a separator), or nil for combining marks (dropped).
  private static func fold(_ s: Unicode.Scalar) -> String? {
    let v = s.value
    if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 { return String(Character(s)) }
    if v >= 0x41 && v <= 0x5A { return String(Character(Unicode.Scalar(v + 0x20)!)) }
    if v == 0x27 || v == 0x2019 || v >= 0x300 && v <= 0x36F { return nil }  // apostrophes, combining marks
    if v < 0x80 { return "" }
    switch s {
    case "à", "á", "â", "ã", "ä", "å", "ā", "ą", "À", "Á", "Â", "Ã", "Ä", "Å", "Ā", "Ą", "ạ", "ả", "ấ", "ầ", "ậ", "ă",
      "ắ", "ặ", "ẫ":
      return "a"
    case "æ", "Æ": return "ae"
    case "ç", "ć", "č", "Ç", "Ć", "Č": return "c"
    case "ď", "đ", "Ď", "Đ": return "d"
    case "è", "é", "ê", "ë", "ē", "ę", "ě", "È", "É", "Ê", "Ë", "Ē", "Ę", "Ě", "ế", "ề", "ệ", "ễ": return "e"
    case "ğ", "Ğ": return "g"
    case "ì", "í", "î", "ï", "ī", "ı", "Ì", "Í", "Î", "Ï", "Ī", "İ", "ị": return "i"
    case "ł", "Ł": return "l"
    case "ñ", "ń", "ň", "Ñ", "Ń", "Ň": return "n"
    case "ò", "ó", "ô", "õ", "ö", "ø", "ō", "ő", "Ò", "Ó", "Ô", "Õ", "Ö", "Ø", "Ō", "ọ", "ộ", "ơ", "ớ", "ờ", "ở", "ỗ",
      "ố", "ồ":
      return "o"
    case "œ", "Œ": return "oe"
    case "ř", "Ř": return "r"
    case "ś", "š", "ş", "Ś", "Š", "Ş": return "s"
    case "ß": return "ss"
    case "ť", "ţ", "Ť", "Ţ": return "t"
    case "ù", "ú", "û", "ü", "ū", "ů", "ű", "Ù", "Ú", "Û", "Ü", "Ū", "Ů", "ư", "ụ", "ủ", "ứ", "ừ", "ũ", "ữ": return "u"
    case "ý", "ÿ", "Ý", "ỹ", "ỳ": return "y"
    case "ź", "ż", "ž", "Ź", "Ż", "Ž": return "z"
    case "þ", "Þ": return "th"
    default: return ""
    }
  }
}
