"""Stage 2, languages: PO files read strictly, catalogs written (extract, init, update), one validation
pass per translation, localisation (content x catalog, Babel formatting) and CLDR facts about locales."""
