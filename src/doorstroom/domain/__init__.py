"""Pure domain packages. Nothing under here imports Django or the apps."""
