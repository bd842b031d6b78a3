import PPORecipe

PPOGridworldCommand.main()
