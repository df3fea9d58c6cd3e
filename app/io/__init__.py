"""Excel and CSV import and export (openpyxl and our own streaming readers; pandas is not needed
and was dropped). No Qt here."""
