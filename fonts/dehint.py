"""Strip TrueType hinting (instructions and the tables that drive them) from fonts, in place."""
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram
for path in sys.argv[1:]:
    f = TTFont(path)
    for tag in ("fpgm", "prep", "cvt ", "hdmx", "VDMX", "LTSH", "cvar"):
        if tag in f:
            del f[tag]
    glyf = f["glyf"]
    for name in glyf.keys():
        g = glyf[name]
        if hasattr(g, "program"):
            g.program = ttProgram.Program(); g.program.fromBytecode(b"")
    if "gasp" in f:
        f["gasp"].gaspRange = {0xFFFF: 0x000F}  # smooth at all sizes, as unhinted fonts should be
    if "head" in f:
        f["head"].flags &= ~(1 << 3)
    f.save(path)
    print(path)
