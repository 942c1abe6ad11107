"""Small helpers every app may use."""
