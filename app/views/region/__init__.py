"""The region page: name, municipalities, municipality sets and allocation keys."""
