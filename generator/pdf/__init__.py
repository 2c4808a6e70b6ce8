"""Stage 4, the PDF file: the document shell (metadata, outline, deferred page numbers, compact
writing) and the imposed booklet."""

from ..adapters.reportlab_import import prepare

prepare()  # before any module of this package imports ReportLab
