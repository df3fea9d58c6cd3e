"""The budget part: the budget, funding and key editors and their item models."""
