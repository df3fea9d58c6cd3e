"""The Realisatie page (issue 20): a plan's bookings, its uitputting and the import of bookings."""
