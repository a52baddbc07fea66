"""synth domain package (pure Python, no Django)."""
