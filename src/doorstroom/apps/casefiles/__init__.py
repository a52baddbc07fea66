"""Case files: the phases and steps of a trajectory, stages with the guide's rules."""
