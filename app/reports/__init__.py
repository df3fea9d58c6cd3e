"""PDF annexes with ReportLab, runnable without a screen. No Qt here."""
