"""Small helpers every app may use (the CSV writer and suppression helpers are pure: no
Django imports)."""
