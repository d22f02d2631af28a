"""cpstrategy: a council's corporate parenting strategy and action plan, kept honest in git."""

__version__ = "0.1.0"
