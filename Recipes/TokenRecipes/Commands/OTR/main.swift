import TokenRecipes

OTRCommand.main()
