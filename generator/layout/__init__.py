"""Stage 3, layout: theme, fonts, page geometry, flowables, right-to-left text, the diagram, and the
guide, checklist and clinic branding built from the localised content model."""

from ..adapters.reportlab_import import prepare

prepare()  # before any module of this package imports ReportLab
