"""The files the web pages load from dist/fonts/, named where nothing heavy is imported (a build checks
them before it writes anything, even when nothing else needs building)."""

# Every face html/webpage.py's CSS names (the browser fetches only those a page uses), and the licences.
WEB_FACES = ("AtkinsonHyperlegible-Regular", "AtkinsonHyperlegible-Bold", "AtkinsonHyperlegible-Italic",
             "NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic", "NotoSansArabic-Regular", "NotoSansArabic-Bold")
WEB_LICENCES = ("OFL-AtkinsonHyperlegible.txt", "OFL-NotoSans.txt")
