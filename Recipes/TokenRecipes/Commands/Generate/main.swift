import TokenRecipes

GenerateCommand.main()
