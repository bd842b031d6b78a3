import TokenRecipes

SCoReCommand.main()
