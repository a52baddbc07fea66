"""Django apps: persist and present the domain."""
