"""Errors a user can cause, each with a message written for that user."""


class DomainError(ValueError):
    """A rule of the coaching model was broken by input; ``str(error)`` is shown to the user."""


class ValidationError(DomainError):
    """A value is missing, malformed or out of range."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class TransitionError(DomainError):
    """An experiment was asked to move to a status its current status does not allow."""
