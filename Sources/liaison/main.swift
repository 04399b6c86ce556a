import LiaisonCLI

#if canImport(Glibc)
  import CMalloc
  import Glibc
#endif

#if canImport(Glibc)
  // Arrays of 4 MiB and more get their own mapping, returned to the system when
  // freed: glibc's default threshold rises after the first large free, and the
  // columns a load frees then stay resident (peak RSS of a 1 M-tie load at two
  // threads: 117 → 100 MiB). Smaller buffers (a batch's pages) are still reused.
  _ = mallopt(M_MMAP_THRESHOLD, 4 << 20)
#endif

// SIGINT, SIGTERM and SIGHUP remove unfinished output files and exit 130, 143 and 129.
LiaisonCommand.installSignalCleanup()
exit(LiaisonCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
