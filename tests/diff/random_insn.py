"""Random-instruction differential harness: random snippets of z/Architecture (z196) register and storage
instructions, run under s390x-run (our interpreter) and under qemu-s390x-static; the register/storage dumps
must be equal byte for byte.

One binary holds many independent snippets. Each snippet is:

    init state (16 GRs, 16 FPRs, FPC, 256-byte storage window, all from a per-snippet random block in .data)
    instruction 1; IPM+STC (CC log)  ...  instruction n; IPM+STC
    dump: STMG all GRs, STD all FPRs, STFPC, IPM, the window and the CC log -> write(1, ..., RECORD) (svc 4)

and the program ends with exit(0) (svc 1). Register conventions of the snippets: %r13 holds the address of the
work area (window at 0, dump area after it) and is never written; %r12 is the scratch register of IPM. Every
other GR (r0-r11, r14, r15) is a random operand. Storage operands are d(%r13) inside the window, so no
address depends on where the binary is loaded (it is static, non-PIE: the same addresses under both runners).

Usage by hand (outside bazel):
    python3 tests/diff/random_insn.py --runner bazel-bin/tools/s390x_run/s390x-run --count 100000 [--seed S]
"""

import argparse
import concurrent.futures
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time

AS = "/usr/bin/s390x-linux-gnu-as"
LD = "/usr/bin/s390x-linux-gnu-ld"
QEMU = "qemu-s390x-static"

# Work area layout (offsets from %r13).
WIN = 0
WIN_LEN = 256
GR_OFF = 256
FPR_OFF = GR_OFF + 128
FPC_OFF = FPR_OFF + 128
CC_OFF = FPC_OFF + 4
CCLOG_OFF = CC_OFF + 4
MAX_INSNS = 16
RECORD = CCLOG_OFF + MAX_INSNS  # bytes written per snippet

# Per-snippet init block layout (in .data).
INIT_GR, INIT_FPR, INIT_FPC, INIT_WIN = 0, 128, 256, 264
INIT_LEN = INIT_WIN + WIN_LEN

GPRS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15]   # operands (r12/r13 reserved)
EVEN = [0, 2, 4, 6, 8, 10, 14]                           # even register of an even/odd pair

# ------------------------------------------------------------------------------------------------ values

M64 = (1 << 64) - 1


def _sx32(v):
    v &= 0xFFFFFFFF
    return (v - (1 << 32)) & M64 if v & 0x80000000 else v


EDGE32 = [0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 2, 0xFFFFFFFE, 0x7FFFFFFE, 0x80000001, 0xFFFF, 0x8000, 0x7FFF,
          0xFF, 0x80]
EDGE64 = [0, 1, M64, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFF, 0xFFFFFFFF00000000, 0x80000000,
          0x7FFFFFFF, 0xFFFFFFFF80000000, 0x100000000, M64 - 1, 0x8000000000000001]


def rand_gr(rng):
    k = rng.randrange(8)
    if k == 0:
        return rng.choice(EDGE64)
    if k == 1:
        return (rng.getrandbits(32) << 32) | rng.choice(EDGE32)   # random high word, edge low word
    if k == 2:
        return _sx32(rng.choice(EDGE32))
    if k == 3:
        return rng.randrange(-300, 300) & M64
    if k == 4:
        return rng.getrandbits(rng.randrange(1, 65))
    return rng.getrandbits(64)


EDGE_DBL = [0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000, 0x4000000000000000,
            0x3FE0000000000000, 0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000, 0xFFF8000000000000,
            0x7FF0000000000001, 0x7FF4000000000000, 0x0000000000000001, 0x800FFFFFFFFFFFFF, 0x7FEFFFFFFFFFFFFF,
            0x0010000000000000, 0xFFEFFFFFFFFFFFFF, 0x3FF0000000000001, 0x43E0000000000000, 0xC3E0000000000000,
            0x41DFFFFFFFC00000, 0xC1E0000000000000, 0x3CA0000000000000]
EDGE_FLT = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x40000000, 0x3F000000, 0x7F800000, 0xFF800000,
            0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FA00000, 0x00000001, 0x807FFFFF, 0x7F7FFFFF, 0x00800000,
            0x3F800001, 0x4F000000, 0xCF000000, 0x33800000]


def rand_fpr(rng):
    k = rng.randrange(7)
    if k == 0:
        return rng.choice(EDGE_DBL)
    if k == 1:
        return (rng.choice(EDGE_FLT) << 32) | rng.getrandbits(32)
    if k == 2:
        return struct.unpack(">Q", struct.pack(">d", rng.uniform(-1e6, 1e6)))[0]
    if k == 3:
        return (struct.unpack(">I", struct.pack(">f", rng.uniform(-1e4, 1e4)))[0] << 32) | rng.getrandbits(32)
    if k == 4:
        return struct.unpack(">Q", struct.pack(">d", float(rng.randrange(-100, 100))))[0]
    return rng.getrandbits(64)


def rand_fpc(rng):
    # Masks always 0 (no IEEE traps); flags sometimes set; BFP rounding mode 0-3 or 7 (floating-point-extension).
    flags = rng.choice([0, 0, rng.getrandbits(5) << 3])
    return (flags << 16) | rng.choice([0, 1, 2, 3, 7])


# ---------------------------------------------------------------------------------------------- generators


def r(n):
    return "%%r%d" % n


def f(n):
    return "%%f%d" % n


def _storage(rng, length):
    """A d(%r13) operand inside the window for `length` bytes."""
    return "%d(%%r13)" % rng.randrange(0, WIN_LEN - length + 1)


RR_32_64 = ["ar", "agr", "agfr", "alr", "algr", "algfr", "sr", "sgr", "sgfr", "slr", "slgr", "slgfr", "alcr",
            "alcgr", "slbr", "slbgr", "nr", "ngr", "or", "ogr", "xr", "xgr", "msr", "msgr", "msgfr", "lr", "lgr",
            "lgfr", "llgfr", "ltr", "ltgr", "ltgfr", "lcr", "lcgr", "lcgfr", "lpr", "lpgr", "lpgfr", "lnr", "lngr",
            "lngfr", "lgbr", "lghr", "lbr", "lhr", "llcr", "llhr", "llgcr", "llghr", "cr", "cgr", "cgfr", "clr",
            "clgr", "clgfr", "lrvr", "lrvgr", "popcnt"]
RRF_K = ["ark", "agrk", "srk", "sgrk", "nrk", "ngrk", "ork", "ogrk", "xrk", "xgrk", "alrk", "algrk", "slrk",
         "slgrk"]
RSY_SHIFT = ["sllk", "srlk", "srak", "slak", "sllg", "srlg", "srag", "slag", "rll", "rllg"]
RS_SHIFT = ["sll", "srl", "sla", "sra"]
RS_DSHIFT = ["sldl", "srdl", "slda", "srda"]
RI16 = ["ahi", "aghi", "mhi", "mghi", "chi", "cghi", "lhi", "lghi", "nill", "nilh", "nihl", "nihh", "oill", "oilh",
        "oihl", "oihh", "iill", "iilh", "iihl", "iihh", "llill", "llilh", "llihl", "llihh", "tmll", "tmlh", "tmhl",
        "tmhh"]
RIL32 = ["afi", "agfi", "alfi", "algfi", "slfi", "slgfi", "nilf", "nihf", "oilf", "oihf", "xilf", "xihf", "iilf",
         "iihf", "llilf", "llihf", "lgfi", "cfi", "cgfi", "clfi", "clgfi", "msfi", "msgfi"]
RIE_K = ["ahik", "aghik", "alhsik", "alghsik"]
# RX/RXY storage operands: (mnemonic, operand length)
RXY = [("l", 4), ("ly", 4), ("lg", 8), ("lgf", 4), ("llgf", 4), ("lh", 2), ("lhy", 2), ("lgh", 2), ("llgh", 2),
       ("lb", 1), ("lgb", 1), ("llgc", 1), ("llc", 1), ("llh", 2), ("lt", 4), ("ltg", 8), ("st", 4), ("sty", 4),
       ("stg", 8), ("sth", 2), ("stc", 1), ("a", 4), ("ag", 8), ("agf", 4), ("ah", 2), ("s", 4), ("sg", 8),
       ("sh", 2), ("al", 4), ("alg", 8), ("sl", 4), ("slg", 8), ("alc", 4), ("alcg", 8), ("slb", 4), ("slbg", 8),
       ("n", 4), ("ng", 8), ("o", 4), ("og", 8), ("x", 4), ("xg", 8), ("c", 4), ("cg", 8), ("cgf", 4), ("ch", 2),
       ("cl", 4), ("clg", 8), ("clgf", 4), ("ms", 4), ("msg", 8), ("msgf", 4), ("mh", 2), ("lrv", 4), ("lrvg", 8),
       ("lrvh", 2), ("strv", 4), ("strvg", 8), ("strvh", 2)]
SI = ["mvi", "ni", "oi", "xi", "cli", "tm"]
SS = ["mvc", "clc", "xc", "nc", "oc"]
BFP_RRE_L = ["adbr", "sdbr", "mdbr", "ddbr", "sqdbr", "cdbr", "kdbr", "ltdbr", "lcdbr", "lpdbr", "lndbr", "ldr",
             "lcdfr", "lpdfr", "lndfr", "ldebr"]
BFP_RRE_S = ["aebr", "sebr", "meebr", "debr", "sqebr", "cebr", "kebr", "ltebr", "lcebr", "lpebr", "lnebr", "ler",
             "ledbr"]
# Not generated: MDEBR/MDEB (QEMU 7.2 multiplies a long first operand by the short second one instead of two
# short operands; e.g. 0x3f800001 * 0x3f000000 must give 0x3fe0000020000000 per the PoP); PKA/PKU; MVCIN;
# RNSBG/ROSBG/RXSBG with the T bit set (QEMU bugs reported by other engineers).
BFP_RX_L = ["adb", "sdb", "mdb", "ddb", "cdb", "ld", "std"]
BFP_RX_S = ["aeb", "seb", "meeb", "deb", "ceb", "le", "ste", "ldeb"]


def gen_insn(rng):
    """One random instruction (with any setup lines it needs) as a list of assembler lines."""
    k = rng.randrange(100)
    g = lambda: r(rng.choice(GPRS))  # noqa: E731
    fr = lambda: f(rng.randrange(16))  # noqa: E731
    if k < 14:
        return ["%s %s,%s" % (rng.choice(RR_32_64), g(), g())]
    if k < 20:
        return ["%s %s,%s,%s" % (rng.choice(RRF_K), g(), g(), g())]
    if k < 25:
        # Shift amount: displacement, sometimes plus a register (low 6 bits of the address used).
        base = rng.choice([0, 0, rng.choice(GPRS)])
        op = rng.choice(RSY_SHIFT)
        amt = rng.choice([0, 1, 31, 32, 63, rng.randrange(64), rng.randrange(-4000, 4000)])
        if base:
            return ["%s %s,%s,%d(%s)" % (op, g(), g(), amt, r(base))]
        return ["%s %s,%s,%d" % (op, g(), g(), amt)]
    if k < 28:
        op = rng.choice(RS_SHIFT)
        return ["%s %s,%d" % (op, g(), rng.choice([0, 1, 31, 32, 63, rng.randrange(4096)]))]
    if k < 30:
        return ["%s %s,%d" % (rng.choice(RS_DSHIFT), r(rng.choice(EVEN)), rng.choice([0, 1, 32, 63, rng.randrange(64)]))]
    if k < 36:
        op = rng.choice(RI16)
        imm = rng.choice([0, 1, 0x7FFF, 0x8000, 0xFFFF, rng.getrandbits(16)])
        if op in ("ahi", "aghi", "mhi", "mghi", "chi", "cghi", "lhi", "lghi"):
            imm = imm - 0x10000 if imm & 0x8000 else imm
        return ["%s %s,%d" % (op, g(), imm)]
    if k < 41:
        op = rng.choice(RIL32)
        imm = rng.choice([0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, rng.getrandbits(32)])
        if op in ("afi", "agfi", "lgfi", "cfi", "cgfi", "msfi", "msgfi"):
            imm = imm - (1 << 32) if imm & 0x80000000 else imm
        return ["%s %s,%d" % (op, g(), imm)]
    if k < 43:
        return ["%s %s,%s,%d" % (rng.choice(RIE_K), g(), g(), rng.randrange(-32768, 32768))]
    if k < 49:
        # Rotate then insert/and/or/xor selected bits. RNSBG/ROSBG/RXSBG only with the T bit clear
        # (QEMU 7.2 mishandles the test-only form).
        op = rng.choice(["risbg", "risbg", "rnsbg", "rosbg", "rxsbg", "risbhg", "risblg"])
        top = 31 if op in ("risbhg", "risblg") else 63
        i3 = rng.randrange(top + 1)
        i4 = rng.randrange(top + 1)
        if op in ("risbg", "risbhg", "risblg") and rng.randrange(2):
            i4 |= 0x80  # zero remaining bits
        return ["%s %s,%s,%d,%d,%d" % (op, g(), g(), i3, i4, rng.randrange(64))]
    if k < 52:
        return ["%s %s,%s" % (rng.choice(["mlgr", "mlr", "mr"]), r(rng.choice(EVEN)), g())]
    if k < 53:
        return ["flogr %s,%s" % (r(rng.choice(EVEN)), g())]
    if k < 56:
        return _divide(rng)
    if k < 58:
        return ["%s %s,%s,%d" % (rng.choice(["locr", "locgr"]), g(), g(), rng.randrange(16))]
    if k < 60:
        # LA/LAY: address arithmetic with random index and base registers, no storage access.
        x, b = rng.choice([0] + GPRS), rng.choice([0] + GPRS)
        if rng.randrange(2):
            return ["la %s,%d(%s,%s)" % (g(), rng.randrange(4096), r(x) if x else "0", r(b) if b else "0")]
        return ["lay %s,%d(%s,%s)" % (g(), rng.randrange(-(1 << 19), 1 << 19), r(x) if x else "0",
                                      r(b) if b else "0")]
    if k < 70:
        op, n = rng.choice(RXY)
        return ["%s %s,%s" % (op, g(), _storage(rng, n))]
    if k < 72:
        op = rng.choice(["icm", "icmh", "icmy", "stcm", "stcmh", "clm", "clmh"])
        return ["%s %s,%d,%s" % (op, g(), rng.randrange(16), _storage(rng, 4))]
    if k < 74:
        # STMG: any range; LMG: ranges inside r0-r11 only.
        if rng.randrange(2):
            a, b = rng.randrange(16), rng.randrange(16)
            n = ((b - a) % 16 + 1) * 8
            return ["stmg %s,%s,%s" % (r(a), r(b), _storage(rng, n))]
        a = rng.randrange(12)
        b = rng.randrange(a, 12)
        return ["%s %s,%s,%s" % (rng.choice(["lmg", "lm"]), r(a), r(b), _storage(rng, (b - a + 1) * 8))]
    if k < 77:
        return ["%s %s,%d" % (rng.choice(SI), _storage(rng, 1), rng.getrandbits(8))]
    if k < 81:
        op = rng.choice(SS)
        n = rng.choice([1, 2, 4, 8, rng.randrange(1, 65), rng.randrange(1, 257)])
        d1 = rng.randrange(0, WIN_LEN - n + 1)
        d2 = rng.randrange(0, WIN_LEN - n + 1)
        if op == "mvc" and rng.randrange(3) == 0 and n > 1:   # destructive overlap (one-byte propagation)
            d2 = max(0, d1 - rng.randrange(1, 9))
        if op == "xc" and rng.randrange(4) == 0:
            d2 = d1                                            # the clearing idiom
        return ["%s %d(%d,%%r13),%d(%%r13)" % (op, d1, n, d2)]
    if k < 82:
        # Branch on condition over one instruction: checks the branch masks, results are PC-independent.
        lab = "1%d" % rng.randrange(10)
        return ["brc %d,%sf" % (rng.randrange(16), lab), "lghi %s,%d" % (g(), rng.randrange(-100, 100)),
                "%s:" % lab]
    # BFP
    if k < 88:
        return ["%s %s,%s" % (rng.choice(BFP_RRE_L), fr(), fr())]
    if k < 92:
        return ["%s %s,%s" % (rng.choice(BFP_RRE_S), fr(), fr())]
    if k < 93:
        op, n = rng.choice([(o, 8) for o in BFP_RX_L] + [(o, 4) for o in BFP_RX_S])
        return ["%s %s,%s" % (op, fr(), _storage(rng, n))]
    if k < 94:
        return ["%s %s,%s,%s" % (rng.choice(["madbr", "msdbr", "maebr", "msebr"]), fr(), fr(), fr())]
    if k < 96:
        op = rng.choice(["cfdbr", "cgdbr", "cfebr", "cgebr"])
        return ["%s %s,%d,%s" % (op, g(), rng.choice([0, 1, 4, 5, 6, 7]), fr())]
    if k < 97:
        op = rng.choice(["cdfbr", "cdgbr", "cefbr", "cegbr"])
        return ["%s %s,%s" % (op, fr(), g())]
    if k < 98:
        op = rng.choice(["fidbr", "fiebr"])
        return ["%s %s,%d,%s" % (op, fr(), rng.choice([0, 1, 4, 5, 6, 7]), fr())]
    if k < 99:
        if rng.randrange(2):
            return ["srnm %d" % rng.randrange(4)]
        return ["srnmb %d" % rng.choice([0, 1, 2, 3, 7])]
    # SFPC/EFPC with a valid FPC value (reserved bits set would be a specification exception).
    t = rng.choice(GPRS)
    return ["llilf %s,%d" % (r(t), rand_fpc(rng)), "sfpc %s" % r(t), "efpc %s" % g()]


def _divide(rng):
    """A divide whose operands cannot trap: the dividend's high part and the divisor are set up first."""
    e = rng.choice(EVEN)
    d = rng.choice([x for x in GPRS if x not in (e, e + 1)])
    div = rng.choice([1, 2, 3, 7, 10, 0x7FFFFFFF, -2, -7, -0x80000000, rng.randrange(2, 1 << 31)])
    kind = rng.randrange(4)
    if kind == 0:   # DSGR: 64/64 signed; divisor never 0 or -1
        return ["lgfi %s,%d" % (r(d), div), "dsgr %s,%s" % (r(e), r(d))]
    if kind == 1:   # DLGR: 128/64 unsigned; high half 0
        return ["lghi %s,0" % r(e), "llilf %s,%d" % (r(d), div & 0xFFFFFFFF), "dlgr %s,%s" % (r(e), r(d))]
    if kind == 2:   # DR: 64/32 signed; dividend is the sign-extended low word of the odd register
        return ["lr %s,%s" % (r(e), r(e + 1)), "sra %s,31" % r(e), "lgfi %s,%d" % (r(d), div),
                "dr %s,%s" % (r(e), r(d))]
    return ["lghi %s,0" % r(e), "llilf %s,%d" % (r(d), div & 0xFFFFFFFF), "dlr %s,%s" % (r(e), r(d))]


class Snippet:
    def __init__(self, rng, n_insns):
        self.grs = [rand_gr(rng) for _ in range(16)]
        self.fprs = [rand_fpr(rng) for _ in range(16)]
        self.fpc = rand_fpc(rng)
        self.window = bytes(rng.choice([0, 0xFF, 0x80, rng.getrandbits(8), rng.getrandbits(8)])
                            for _ in range(WIN_LEN))
        self.insns = [gen_insn(rng) for _ in range(n_insns)]

    def text(self):
        return "\n".join("; ".join(lines) for lines in self.insns)


def gen_program(rng, n_snippets, n_insns):
    snippets = [Snippet(rng, rng.randint(1, n_insns)) for _ in range(n_snippets)]
    code = ["\t.text", "\t.globl _start", "_start:"]
    data = ["\t.data", "\t.balign 256", "work:", "\t.space %d" % (RECORD + 64)]
    for i, s in enumerate(snippets):
        code += ["# snippet %d" % i, "\tlarl %r13,work", "\tlarl %%r12,init%d" % i,
                 "\tmvc 0(256,%%r13),%d(%%r12)" % INIT_WIN, "\tlfpc %d(%%r12)" % INIT_FPC,
                 "\txc %d(%d,%%r13),%d(%%r13)" % (CCLOG_OFF, MAX_INSNS, CCLOG_OFF)]
        code += ["\tld %%f%d,%d(%%r12)" % (j, INIT_FPR + 8 * j) for j in range(16)]
        code += ["\tlmg %%r14,%%r15,%d(%%r12)" % (INIT_GR + 112), "\tlmg %%r0,%%r11,%d(%%r12)" % INIT_GR]
        for j, lines in enumerate(s.insns):
            code += ["\t" + l if not l.endswith(":") else l for l in lines]
            code += ["\tipm %r12", "\tstc %%r12,%d(%%r13)" % (CCLOG_OFF + j)]
        code += ["\tstmg %%r0,%%r15,%d(%%r13)" % GR_OFF]
        code += ["\tstd %%f%d,%d(%%r13)" % (j, FPR_OFF + 8 * j) for j in range(16)]
        code += ["\tstfpc %d(%%r13)" % FPC_OFF, "\tipm %r12", "\tst %%r12,%d(%%r13)" % CC_OFF,
                 "\tlghi %r2,1", "\tlgr %r3,%r13", "\tlghi %%r4,%d" % RECORD, "\tsvc 4"]
        data += ["\t.balign 8", "init%d:" % i]
        data += ["\t.quad 0x%016x" % v for v in s.grs] + ["\t.quad 0x%016x" % v for v in s.fprs]
        data += ["\t.long 0x%08x, 0" % s.fpc]
        data += ["\t.byte " + ",".join(str(b) for b in s.window[o:o + 32]) for o in range(0, WIN_LEN, 32)]
    code += ["\tlghi %r2,0", "\tsvc 1"]
    return snippets, "\n".join(code + data) + "\n"


# ----------------------------------------------------------------------------------------------- running


def check_tools(qemu=None):
    """Returns (as, ld, qemu) paths or raises RuntimeError saying what to install."""
    missing = [p for p in (AS, LD) if not os.access(p, os.X_OK)]
    if missing:
        raise RuntimeError("%s missing: apt-get install binutils-s390x-linux-gnu (or run tools/setup)"
                           % ", ".join(missing))
    q = qemu or shutil.which(QEMU) or ("/usr/bin/" + QEMU if os.access("/usr/bin/" + QEMU, os.X_OK) else None)
    if not q:
        raise RuntimeError("%s missing: apt-get install qemu-user-static (or run tools/setup)" % QEMU)
    return AS, LD, q


def build(src, workdir, name):
    s, o, exe = (os.path.join(workdir, name + ext) for ext in (".s", ".o", ""))
    with open(s, "w") as fh:
        fh.write(src)
    p = subprocess.run([AS, "-m64", "-march=z196", "-o", o, s], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("assembling %s failed:\n%s" % (s, p.stderr.decode()[-3000:]))
    p = subprocess.run([LD, "-static", "-nostdlib", "-e", "_start", "-o", exe, o], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("linking %s failed:\n%s" % (o, p.stderr.decode()[-3000:]))
    return exe


FIELDS = ([("r%d" % i, GR_OFF + 8 * i, 8) for i in range(16)] + [("f%d" % i, FPR_OFF + 8 * i, 8) for i in range(16)]
          + [("fpc", FPC_OFF, 4), ("ipm", CC_OFF, 4)])


def decode_diff(ours, ref, snippet=None):
    """Human-readable differences between two RECORD-byte dumps."""
    out = []
    for name, off, n in FIELDS:
        a, b = ours[off:off + n], ref[off:off + n]
        if a != b:
            init = ""
            if snippet is not None and name[0] in "rf" and name[1:].isdigit():
                v = (snippet.grs if name[0] == "r" else snippet.fprs)[int(name[1:])]
                init = " (initial %016x)" % v
            out.append("  %-4s ours %s  qemu %s%s" % (name, a.hex(), b.hex(), init))
    for j in range(MAX_INSNS):
        a, b = ours[CCLOG_OFF + j], ref[CCLOG_OFF + j]
        if a != b:
            out.append("  CC after insn %d: ours %d qemu %d (ipm byte %02x vs %02x)" % (j + 1, (a >> 4) & 3,
                                                                                        (b >> 4) & 3, a, b))
    for o in range(0, WIN_LEN, 16):
        a, b = ours[WIN + o:WIN + o + 16], ref[WIN + o:WIN + o + 16]
        if a != b:
            out.append("  window+%03d ours %s  qemu %s" % (o, a.hex(), b.hex()))
    return "\n".join(out)


# NaN handling where QEMU 7.2 differs from our interpreter:
#  - LOAD AND TEST (LTDBR/LTEBR) of an SNaN: the PoP signals IEEE invalid and delivers the quieted NaN (ours);
#    QEMU 7.2 copies the SNaN and sets no flag.
#  - MULTIPLY AND ADD/SUBTRACT with several NaN operands: the PoP's "Results: MULTIPLY AND ADD" table gives an
#    SNaN precedence over a QNaN, each looked for in the order R3, R2, R1 (the addend), and infinity x 0 the
#    default NaN with invalid whatever the addend (ours; QEMU 9.2 implements the same table). QEMU 7.2 picks a
#    QNaN multiplier over an SNaN addend and R2 before R3. Only NaN-vs-NaN differences are forgiven here.
_NAN_DEVIATION_OPS = ("ltdbr", "ltebr", "madbr", "msdbr", "maebr", "msebr")
_FLAG_INVALID = 0x00800000


def _is_nan(v):
    hi = v >> 32
    return ((v >> 52) & 0x7FF == 0x7FF and v & ((1 << 52) - 1) != 0) or \
        ((hi >> 23) & 0xFF == 0xFF and hi & 0x7FFFFF != 0)


def _known_nan_deviation(snippet, ours, ref):
    if not any(l.split()[0] in _NAN_DEVIATION_OPS for lines in snippet.insns for l in lines if " " in l):
        return False
    for name, off, n in FIELDS:
        a, b = ours[off:off + n], ref[off:off + n]
        if a == b:
            continue
        if name == "fpc":
            if int.from_bytes(a, "big") != int.from_bytes(b, "big") | _FLAG_INVALID:
                return False
        elif name[0] == "f":
            if not (_is_nan(int.from_bytes(a, "big")) and _is_nan(int.from_bytes(b, "big"))):
                return False
        else:
            return False
    return ours[CCLOG_OFF:] == ref[CCLOG_OFF:] and ours[:WIN_LEN] == ref[:WIN_LEN]


class Mismatch:
    def __init__(self, seed, index, snippet, detail):
        self.seed, self.index, self.snippet, self.detail = seed, index, snippet, detail

    def __str__(self):
        lines = ["seed %d snippet %d:" % (self.seed, self.index)]
        if self.snippet is not None:
            lines += ["    " + "; ".join(l) for l in self.snippet.insns]
            lines.append("  initial fpc %08x" % self.snippet.fpc)
        lines.append(self.detail)
        return "\n".join(lines)


def run_one(seed, runner, qemu, workdir, n_snippets, n_insns, cpu=None):
    """Generates, builds and runs one binary; returns a list of Mismatch (empty when equal)."""
    rng = random.Random(seed)
    snippets, src = gen_program(rng, n_snippets, n_insns)
    exe = build(src, workdir, "ri_%d" % seed)
    cmd_ours = [runner] + (["--cpu", cpu] if cpu else []) + [exe]
    ours = subprocess.run(cmd_ours, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    ref = subprocess.run([qemu, "-cpu", "max", exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    result = []
    for i, s in enumerate(snippets):
        a = ours.stdout[i * RECORD:(i + 1) * RECORD]
        b = ref.stdout[i * RECORD:(i + 1) * RECORD]
        if a == b and len(a) == RECORD:
            continue
        if len(a) == RECORD and len(b) == RECORD and _known_nan_deviation(s, a, b):
            continue
        if len(a) < RECORD or len(b) < RECORD:
            detail = ("  program stopped in this snippet: s390x-run exit %d (%d bytes) stderr %r;"
                      " qemu exit %d (%d bytes) stderr %r" % (ours.returncode, len(a), ours.stderr.decode()[-400:],
                                                            ref.returncode, len(b), ref.stderr.decode()[-400:]))
            result.append(Mismatch(seed, i, s, detail))
            break
        result.append(Mismatch(seed, i, s, decode_diff(a, b, s)))
    else:
        if ours.returncode != ref.returncode or len(ours.stdout) != len(ref.stdout):
            result.append(Mismatch(seed, -1, None, "  exit status ours %d qemu %d, output %d vs %d bytes; stderr %r"
                                   % (ours.returncode, ref.returncode, len(ours.stdout), len(ref.stdout),
                                      ours.stderr.decode()[-400:])))
    if not result:
        for p in (exe, exe + ".o", exe + ".s"):
            os.unlink(p)
    return result


def run_many(seeds, runner, qemu, workdir, n_snippets, n_insns, jobs=None, cpu=None):
    jobs = jobs or max(1, min(16, os.cpu_count() or 1))
    mismatches = []
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        for res in ex.map(lambda s: run_one(s, runner, qemu, workdir, n_snippets, n_insns, cpu), seeds):
            mismatches += res
    return mismatches


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runner", default=os.environ.get("S390X_RUN", "bazel-bin/tools/s390x_run/s390x-run"))
    ap.add_argument("--qemu", default=None)
    ap.add_argument("--count", type=int, default=int(os.environ.get("S390VMM_RANDOM_INSN_COUNT", "1000")),
                    help="number of snippets")
    ap.add_argument("--snippets", type=int, default=50, help="snippets per binary")
    ap.add_argument("--insns", type=int, default=8, help="max instructions per snippet (<= %d)" % MAX_INSNS)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--keep", default=None, help="directory for the generated programs (kept on mismatch)")
    ap.add_argument("--max-report", type=int, default=30)
    a = ap.parse_args(argv)
    _, _, qemu = check_tools(a.qemu)
    workdir = a.keep or tempfile.mkdtemp(prefix="random_insn.")
    os.makedirs(workdir, exist_ok=True)
    n_bin = (a.count + a.snippets - 1) // a.snippets
    t0 = time.time()
    mm = run_many([a.seed + i for i in range(n_bin)], os.path.abspath(a.runner), qemu, workdir, a.snippets,
                  min(a.insns, MAX_INSNS), a.jobs)
    for m in mm[:a.max_report]:
        print(m, "\n")
    print("%d binaries x %d snippets (seeds %d..%d), %d mismatches, %.1f s; programs in %s"
          % (n_bin, a.snippets, a.seed, a.seed + n_bin - 1, len(mm), time.time() - t0, workdir))
    return 1 if mm else 0


if __name__ == "__main__":
    sys.exit(main())
