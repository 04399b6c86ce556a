import ArgumentParser

/// `liaison completions SHELL`: the shell completion script, from swift-argument-parser.
struct CompletionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "completions",
    abstract: "Print the completion script for bash, zsh or fish.",
    discussion: """
      scripts/install puts it in place. By hand:

        liaison completions bash > ~/.local/share/bash-completion/completions/liaison
        liaison completions zsh > ~/.zfunc/_liaison        (with fpath+=~/.zfunc before compinit)
        liaison completions fish > ~/.config/fish/completions/liaison.fish
      """)

  @Argument(help: "bash, zsh or fish.")
  var shell: String

  func validate() throws {
    guard CompletionShell(rawValue: shell) != nil else {
      throw ValidationError("no completions for '\(shell)': choose bash, zsh or fish.")
    }
  }

  func run() throws {
    print(LiaisonCommand.completionScript(for: CompletionShell(rawValue: shell)!), terminator: "")
  }
}
