"""Stage 5, building: the table of document kinds, one document, the batch with its fingerprints,
atomic outputs and the manifest, and publishing the download page."""
