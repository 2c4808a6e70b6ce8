"""msguide: printable, multilingual patient information on stem cell therapy for multiple sclerosis."""

__version__ = "0.1.0"

__all__ = ["build", "__version__"]


def build(*args, **kwargs):
    """See generator.building.build; imported lazily so the command line starts fast."""
    from .building.document import build as _build

    return _build(*args, **kwargs)
