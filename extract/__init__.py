"""Reading minutes: text, PDF and FirstAgenda JSON into extraction records."""
