"""The application shell: start-up, the main window, navigation, overview, opening files, status bar, backups."""
