import PPORecipe
import TreasureHunt

TreasureHunt.register()
PPOCommand.main()
