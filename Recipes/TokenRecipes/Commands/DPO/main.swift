import TokenRecipes

DPOCommand.main()
