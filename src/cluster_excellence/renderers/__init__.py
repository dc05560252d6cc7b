"""Results rendered as text tables, JSON, CSV, iCalendar and pictures."""
