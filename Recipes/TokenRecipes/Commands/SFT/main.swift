import TokenRecipes

SFTCommand.main()
