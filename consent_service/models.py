"""One place that imports every model, so metadata and migrations see all tables."""


def import_all() -> None:
    """Import every models module (registers their tables on Base.metadata)."""
    from .api import models as _api  # noqa: F401
    from .audit import AuditEvent  # noqa: F401
    from .consent import models as _consent  # noqa: F401
    from .directory import models as _directory  # noqa: F401
    from .invitations import models as _invitations  # noqa: F401
    from .onboarding import models as _onboarding  # noqa: F401
    from .outbox import models as _outbox  # noqa: F401
    from .reminders import models as _reminders  # noqa: F401
    from .review import models as _review  # noqa: F401
