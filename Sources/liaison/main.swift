import LiaisonCLI

LiaisonCommand.main()
