"""Stage 4, the web: the accessible HTML edition of the guide and the download page."""
