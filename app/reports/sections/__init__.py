"""The sections of the annexes, one module each: ``TITLE``, ``orientation(ctx)``, ``story(ctx, first)``."""
