import LiaisonCLI

#if canImport(Glibc)
  import Glibc
#endif

// SIGINT, SIGTERM and SIGHUP remove unfinished output files and exit 130, 143 and 129.
LiaisonCommand.installSignalCleanup()
exit(LiaisonCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
