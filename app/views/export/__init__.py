"""Export: the PDF annexes dialog with its preview."""
