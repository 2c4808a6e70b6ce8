"""A build session: what one process has loaded and checked for one project, passed explicitly to
everything that needs it (the batch and its workers, the command line, the Python API) instead of
living in module state. Each input is read and checked once: the content, each locale's catalog (with
its glyphs and fits), the fonts of each script, a clinic profile."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from ..errors import Finding, Origin, ValidationError
from ..source.project import SOURCE_LOCALE, Project

BUILD_WARNINGS = ("layout.", "i18n.blank")  # finding codes a build reports (and --strict refuses)
MAX_LICENCE_BYTES = 100_000


class Session:
    def __init__(self, project: Project, *, clinic: Path | None = None, clinic_shown: str | None = None,
                 paper: str | None = None):
        self.project = project
        self.clinic_path = clinic
        self.clinic_shown = clinic_shown or (str(clinic) if clinic else None)
        self.paper = paper  # the --paper override, if any: the fits are measured on it
        self._catalogs: dict = {}
        self._fonts: dict = {}
        self._findings: dict = {}
        self._web_fonts: dict[str, bytes] | None = None

    def __getstate__(self):  # a spawned worker registers fonts itself: ReportLab's registry is per process
        state = dict(self.__dict__)
        state["_fonts"] = {}
        return state

    # --- inputs -------------------------------------------------------------------------------------

    @cached_property
    def content(self):
        """The content, read and checked in one pass (raises ValidationError with every problem)."""
        from ..source.content import load_content

        return load_content(self.project)

    def locale(self, code: str):
        from ..i18n.locales import locale_info

        return locale_info(code)

    def catalog(self, code: str):
        """The checked catalog of a locale (English: the source itself)."""
        if code not in self._catalogs:
            from ..i18n.translations import read_report, source_report

            self._catalogs[code] = source_report(self.content) if code == SOURCE_LOCALE else \
                read_report(self.project, self.content, code)
        return self._catalogs[code]

    def fonts(self, script: str):
        if script not in self._fonts:
            from ..layout.fonts import font_set

            self._fonts[script] = font_set(self.project, script)
        return self._fonts[script]

    def localiser(self, code: str):
        from ..i18n.localise import Localiser

        catalog = self.catalog(code)
        return Localiser(self.locale(code), self.content.guide.values, None if code == SOURCE_LOCALE else catalog)

    @cached_property
    def clinic(self):
        """(Clinic, its origin) or None; raises ValidationError listing every problem of the profile."""
        if self.clinic_path is None:
            return None
        from ..source.clinic import load_clinic

        return load_clinic(self.clinic_path, self.clinic_shown), Origin(self.clinic_shown)

    # --- findings -----------------------------------------------------------------------------------

    def findings(self, code: str) -> tuple[Finding, ...]:
        """Every finding for a locale (what `i18n check` prints): its catalog's, the glyphs of its texts
        and the clinic's in its fonts, and the texts too long for a fixed box in any document kind."""
        return self._checked(code) + self._fits(code, None)

    def _checked(self, code: str) -> tuple[Finding, ...]:
        """The catalog's findings, then the layout's glyph checks in the locale's fonts, computed once."""
        if code not in self._findings:
            from ..layout.checks import clinic_findings, glyph_findings

            info = self.locale(code)
            catalog = self.catalog(code)
            found = list(catalog.findings)
            if not catalog.broken:
                fonts = self.fonts(info.script)
                found += glyph_findings(self.content, self.localiser(code), fonts)
                if self.clinic is not None:
                    found += clinic_findings(*self.clinic, fonts)
            self._findings[code] = tuple(found)
        return self._findings[code]

    def _fits(self, code: str, kind) -> tuple[Finding, ...]:
        """Texts too long for their box, measured for one document kind (None: every kind), once each."""
        key = (code, kind.name if kind is not None else None)
        if key not in self._findings:
            from ..layout.checks import fit_findings

            info = self.locale(code)
            found: tuple[Finding, ...] = ()
            if not self.catalog(code).broken:
                found = tuple(fit_findings(self.content, self.localiser(code), self.fonts(info.script),
                                           self.paper or info.paper, kinds=None if kind is None else [kind]))
            self._findings[key] = found
        return self._findings[key]

    def errors_for(self, code: str, text_ids) -> tuple[Finding, ...]:
        """The errors that stop a document of this locale showing these texts."""
        wanted = set(text_ids)
        return tuple(f for f in self._checked(code) if f.is_error and (f.text_id is None or f.text_id in wanted))

    def warnings_for(self, code: str, text_ids, kind) -> tuple[Finding, ...]:
        """The warnings a document of `kind` in this locale, showing these texts, reports: what does not
        fit its boxes, and a translation that shows nothing (the English stands in: a safety warning must
        never be blank)."""
        wanted = set(text_ids)
        found = self._checked(code) + self._fits(code, kind)
        return tuple(f for f in found
                     if not f.is_error and f.code.startswith(BUILD_WARNINGS) and f.text_id in wanted)

    def require(self, code: str, text_ids) -> None:
        errors = self.errors_for(code, text_ids)
        if errors:
            raise ValidationError(errors)

    # --- before a run writes anything ---------------------------------------------------------------

    def prepare(self, locales) -> None:
        """Load and check what every output of these locales shares, so a problem there is one error for
        the whole run, found before anything is written: the content, the clinic profile, the fonts of
        each script, and the clinic's details in each of those fonts. (A locale's own catalog problems
        stop only that locale's outputs.)"""
        self.content  # noqa: B018 (raises ValidationError with every problem)
        self.clinic  # noqa: B018
        scripts = dict.fromkeys(self.locale(code).script for code in locales)
        fonts = {script: self.fonts(script) for script in scripts}
        if self.clinic is not None:
            from ..layout.checks import clinic_findings

            found = [f for script in scripts for f in clinic_findings(*self.clinic, fonts[script])]
            if found:
                raise ValidationError(dict.fromkeys(found))

    def web_fonts(self) -> dict[str, bytes]:
        """The files the web pages' CSS loads from dist/fonts/, read and checked (the font files as the
        PDFs' fonts are): name -> bytes."""
        if self._web_fonts is None:
            from ..html.assets import WEB_FACES, WEB_LICENCES
            from ..source.fontfile import read_font

            fonts_dir = self.project.fonts_dir
            files = {f"{face}.ttf": read_font(self.project, fonts_dir / f"{face}.ttf")[1] for face in WEB_FACES}
            files.update((name, self.project.read(fonts_dir / name, MAX_LICENCE_BYTES)) for name in WEB_LICENCES)
            self._web_fonts = files
        return self._web_fonts
