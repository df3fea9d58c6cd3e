"""Excel and CSV import and export (pandas + openpyxl). No Qt here."""
