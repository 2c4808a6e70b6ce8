"""Stage 4, the PDF file: the document shell (metadata, outline, deferred page numbers, compact
writing) and the imposed booklet."""
