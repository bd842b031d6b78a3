import PPOGridworldRecipe

PPOGridworldCommand.main()
