import LiaisonCLI

#if canImport(Glibc)
  import Glibc
#endif

exit(LiaisonCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
