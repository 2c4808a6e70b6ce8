"""A clinic's profile (clinic.yaml): its details, logo and colour, read as untrusted input."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from . import markup
from ..errors import ContentError, Finding, InputError, Origin, ValidationError, excerpt, shorten
from .logo import MAX_LOGO_BYTES, MAX_LOGO_PIXELS, LogoProblem, decode_logo  # noqa: F401 (the limits, for users)
from .yamlsafe import MAX_YAML_BYTES, Node, parse_yaml_bytes

MIN_ACCENT_CONTRAST = 4.5  # white text sits on the accent (cover band), so WCAG AA for normal text
LIMITS = {"name": 120, "department": 120, "address": 300, "phone": 40, "email": 254, "note": 300,
          "website": markup.MAX_URL_LENGTH, "guide_url": markup.MAX_URL_LENGTH, "logo": 255, "slug": 40,
          "accent": 40}
MAX_ADDRESS_LINES = 6  # the back cover's contact block has room for these and the contacts below them
KEYS = ("name", "department", "address", "phone", "email", "website", "guide_url", "logo", "accent", "note", "slug")

_PHONE = re.compile(r"^[0-9 +().\-/]{3,40}$")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


class ClinicError(ContentError):
    """A clinic profile or logo that cannot be used."""


@dataclass(frozen=True)
class Clinic:
    name: str
    slug: str
    department: str | None = None
    address: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    guide_url: str | None = None
    note: str | None = None
    accent: str | None = None  # "#RRGGBB"
    logo_png: bytes | None = None
    logo_size: tuple[int, int] | None = None
    origins: Mapping[str, Origin] = field(default_factory=dict, compare=False)  # key -> its line

    @property
    def qr_url(self) -> str | None:
        """The QR code leads to the online guide when given, else to the clinic's website."""
        return self.guide_url or self.website


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio of a colour against white.

    >>> round(contrast_with_white("#12416b"), 1)
    10.5
    """
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


def slugify(name: str) -> str:
    """A folder name from a clinic's name.

    >>> slugify("Hôpital Sainte-Anne — Neurologie")
    'hopital-sainte-anne-neurologie'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")


def profile_folder(path: Path):
    """The folder a profile's inputs must stay in: its own."""
    from .inputs import Folder

    return Folder(Path(path).parent, label="the profile's folder")


def profile_slug(path: Path, display: str | None = None) -> str:
    """The output folder of a profile, read cheaply (no logo decoding): the full check comes with
    load_clinic when something needs building."""
    root = _load(path, display)
    values = root.value if root.kind == "map" else {}
    for key in ("slug", "name"):
        node = values.get(key)
        if node is not None and node.kind == "scalar" and slugify(node.value.strip()):
            return slugify(node.value.strip())
    return load_clinic(path, display).slug  # raises the precise error


def _load(path: Path, display: str | None) -> Node:
    folder = profile_folder(path)
    shown = display or str(path)
    return parse_yaml_bytes(folder.read(path, MAX_YAML_BYTES, shown), shown)


def logo_path(path: Path, display: str | None = None) -> Path | None:
    """The logo file a profile names, read cheaply (no decoding, no checks): what a build would read, for
    the fingerprint of incremental builds. None when the profile names none or cannot be read."""
    try:
        root = _load(path, display)
    except ContentError:
        return None
    node = root.value.get("logo") if root.kind == "map" else None
    if node is None or node.kind != "scalar" or not node.value.strip():
        return None
    return Path(path).parent / node.value.strip()


def load_clinic(path: Path, display: str | None = None) -> Clinic:
    """Read and check a clinic profile in one pass; raise ValidationError listing every problem, each
    naming the file and line."""
    import difflib

    root = _load(path, display)
    if root.kind != "map":
        raise ClinicError(root.origin, "expected a mapping of clinic details")
    problems: list[Finding] = []

    def problem(origin, message: str) -> None:
        problems.append(Finding("clinic.profile", origin, message))

    for key, origin in root.key_origins.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(KEYS)}"
            problem(origin, f"{shorten(key)}: unknown key{hint}")
    values: dict[str, Node] = root.value
    if "name" not in values:
        problem(root.origin, "missing key 'name'")

    def checked(read):
        """read(), or None with its problem recorded: every field is checked, whatever the others hold."""
        def run(*args):
            try:
                return read(*args)
            except ClinicError as exc:
                problems.append(Finding.of(exc, "clinic.profile"))
                return None
        return run

    @checked
    def text(key: str) -> str | None:
        node = values.get(key)
        if node is None:
            return None
        if node.kind != "scalar" or node.is_null or not node.value.strip():
            raise ClinicError(node.origin, f"{key}: expected text, got {node.describe()}")
        value = node.value.strip()
        limit = LIMITS[key]
        if len(value) > limit:
            raise ClinicError(node.origin, f"{key}: {len(value)} characters; the limit is {limit}")
        bad = markup.CONTROL.search(value.replace("\n", " "))  # the same as for content and translations
        if bad:
            raise ClinicError(node.origin, f"{key}: control character U+{ord(bad.group()):04X}")
        return value

    @checked
    def url(key: str) -> str | None:
        value = text(key)
        if value is None:
            return None
        if not value.lower().startswith("https://"):
            raise ClinicError(values[key].origin, f"{key}: only https:// addresses are allowed, got {excerpt(value, 60)}")
        try:
            return markup.check_url(value)
        except markup.MarkupSyntaxError as exc:
            raise ClinicError(values[key].origin, f"{key}: {exc}") from None

    @checked
    def matching(key: str, pattern, what: str) -> str | None:
        value = text(key)
        if value and not pattern.match(value):
            raise ClinicError(values[key].origin, f"{key}: {excerpt(value, 60)} is not {what}")
        return value

    @checked
    def accent_colour() -> str | None:
        accent = text("accent")
        if accent is not None:
            if not _HEX.match(accent):
                raise ClinicError(values["accent"].origin, f"accent: expected a colour as #RRGGBB, got {excerpt(accent)}")
            ratio = contrast_with_white(accent)
            if ratio < MIN_ACCENT_CONTRAST:
                raise ClinicError(values["accent"].origin, f"accent: {accent} is too light for white text on it "
                                  f"(contrast {ratio:.1f}:1, at least {MIN_ACCENT_CONTRAST}:1 needed)")
        return accent

    @checked
    def folder_slug(name: str | None) -> str:
        slug_text = text("slug")
        slug = slugify(slug_text or name or "")
        if not slug or (slug_text is not None and slug != slug_text):
            if slug_text is not None:
                raise ClinicError(values["slug"].origin, "slug: use lowercase letters, digits and '-' only")
            if name is not None:
                raise ClinicError(values["name"].origin,
                                  "name: cannot make a folder name from it; add a 'slug' such as city-hospital")
        return slug

    @checked
    def logo():
        return _read_logo(path.parent, text("logo"), values["logo"].origin) if text("logo") else None

    @checked
    def address_lines() -> tuple[str, ...]:
        lines = tuple(line.strip() for line in (text("address") or "").split("\n") if line.strip())
        if len(lines) > MAX_ADDRESS_LINES:
            raise ClinicError(values["address"].origin, f"address: {len(lines)} lines; at most "
                              f"{MAX_ADDRESS_LINES} fit on the back cover")
        return lines

    name = text("name")
    phone = matching("phone", _PHONE, "a phone number (digits, spaces, + ( ) - . /)")
    email = matching("email", markup.EMAIL, "an email address")
    accent = accent_colour()
    slug = folder_slug(name)
    logo_png = logo_size = None
    if "logo" in values:
        logo_png, logo_size = logo() or (None, None)
    address = address_lines() or ()
    clinic = dict(name=name, slug=slug, department=text("department"), address=address, phone=phone,
                  email=email, website=url("website"), guide_url=url("guide_url"), note=text("note"),
                  accent=accent, logo_png=logo_png, logo_size=logo_size,
                  origins={key: node.origin for key, node in values.items()})
    if problems:
        raise ValidationError(sorted(dict.fromkeys(problems), key=lambda f: f.origin.line if f.origin else 0))
    return Clinic(**clinic)


_LOGO_REFUSALS = {"missing": "{name} not found", "outside": "{name} is outside the profile's folder",
                  "not-regular": "{name} is not a regular file", "too-large": "{detail}"}


def _read_logo(base: Path, relative: str, origin: Origin) -> tuple[bytes, tuple[int, int]]:
    """Read a PNG or JPEG logo beside the profile through its folder's guarded reader, and re-encode it as
    a clean PNG within the limits of logo.py."""
    folder = profile_folder(base / "profile")
    candidate = base / relative
    try:
        raw = folder.read(candidate, MAX_LOGO_BYTES)
    except InputError as exc:
        wording = _LOGO_REFUSALS.get(exc.reason, "cannot read {name}")
        detail = exc.message.removeprefix("file is ")  # "2101397 bytes; the limit is 2000000"
        raise ClinicError(origin, "logo: " + wording.format(name=excerpt(relative, 60), detail=detail)) from None
    try:
        return decode_logo(raw)
    except LogoProblem as exc:
        raise ClinicError(origin, f"logo: {exc}") from None
