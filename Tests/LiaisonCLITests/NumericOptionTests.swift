import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

/// Every numeric option of every command given a negative value: a usage
/// error (exit 2) naming the option and what it allows, never "Missing value"
/// (a negative number is read as the option's value, not as another option).
@Suite struct NumericOptionTests {
  static let root = SharedData.repositoryRoot()
  static let inputs = ["\(root)/datasets/team/people.csv", "\(root)/datasets/team/ties.csv"]

  /// (command and the arguments it needs, option, negative value, what the message must say).
  static let cases: [([String], String, String, String)] = {
    let tmp = NSTemporaryDirectory() + "liaison-negative-\(getpid())"
    let render = ["render"] + inputs + ["--view", "network", "--output", "\(tmp)/x.svg"]
    let generate = ["generate", "--out", "\(tmp)/g"]
    let batch = ["batch"] + inputs + ["--out", "\(tmp)/b"]
    let stats = ["stats"] + inputs
    return [
      (["introduce"] + inputs + ["--ego", "0"], "--top", "-1", "must be a positive number"),
      (["introduce"] + inputs, "--min-common", "-1", "0 or more"),
      (["introduce"] + inputs, "--threads", "-1", "between 1 and 1024"),
      (["reach"] + inputs + ["--ego", "0"], "--top", "-1", "must be a positive number"),
      (["reach"] + inputs + ["--ego", "0"], "--cover", "-0.5", "(0, 1]"),
      (["reach"] + inputs + ["--ego", "0", "--svg", "\(tmp)/r.svg"], "--max-nodes", "-1", "at least 2"),
      (["path"] + inputs + ["--from", "0", "--to", "1"], "--k", "-1", "at least 1"),
      (["path"] + inputs + ["--from", "0", "--to", "1"], "--max-hops", "-1", "0 (no limit) or more"),
      (["brokers"] + inputs, "--top", "-1", "0 (everyone) or more"),
      (["brokers"] + inputs, "--sample", "-1", "at least 1"),
      (["brokers"] + inputs, "--seed", "-1", "whole number from 0 to"),
      (["communities"] + inputs, "--top", "-1", "must be a positive number"),
      (["communities"] + inputs, "--resolution", "-1", "positive number"),
      (["communities"] + inputs, "--seed", "-1", "whole number from 0 to"),
      (render, "--max-nodes", "-1", "at least 2"), (render, "--k", "-1", "at least 1"),
      (render, "--max-hops", "-1", "0 (no limit) or more"), (render, "--top", "-1", "must be a positive number"),
      (render, "--labels", "-1", "0 or more"), (render, "--resolution", "-0.5", "positive number"),
      (render, "--seed", "-1", "whole number from 0 to"),
      (generate, "--people", "-1", "at least 2"), (generate, "--seed", "-1", "whole number from 0 to"),
      (generate, "--ties-per-person", "-1", "(0, 500]"), (generate, "--exports", "-1", "between 0 and --people"),
      (generate, "--export-size", "-1", "0 (just their ties) or more"),
      (batch, "--top", "-1", "must be a positive number"), (batch, "--max-nodes", "-1", "at least 2"),
      (batch, "--max-hops", "-1", "at least 1"), (batch, "--sample", "-1", "at least 1"),
      (stats, "--dormant-after", "-1", "0 or more"), (stats, "--infer-max-group", "-1", "at least 2"),
      (stats, "--infer-min-owners", "-1", "at least 2"), (stats, "--infer-min-confidence", "-0.5", "between 0 and 1"),
      (stats, "--strong-at-least", "-0.5", "≤ 1"), (stats, "--weak-at-least", "-0.1", "0 < --weak-at-least"),
    ]
  }()

  @Test func negativeValuesAreUsageErrorsNamingTheOption() {
    for (command, option, value, says) in Self.cases {
      var code: Int32 = 0
      let message = capturingStandardError { code = runCLI(arguments: command + [option, value]) }
      let label = "\(command[0]) \(option) \(value)"
      #expect(code == 2, "\(label): exit \(code)")
      #expect(message.contains(option) && message.contains(says), "\(label): \(message)")
      #expect(!message.contains("Missing value"), "\(label): \(message)")
    }
  }
}
