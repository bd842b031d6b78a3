import TokenRecipes

ORPOCommand.main()
