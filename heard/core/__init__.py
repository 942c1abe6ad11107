"""Small pure helpers every app may use (no Django imports)."""
