import PPORecipe

PPOCommand.main()
