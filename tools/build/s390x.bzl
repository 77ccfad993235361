"""s390x_program: a bare-metal s390x test program assembled by Debian's binutils-s390x-linux-gnu."""

def s390x_program(name, src, includes = [], base = "0x10000", visibility = None):
    """Assembles `src` and links it at `base`; produces `name`.bin (flat image loaded at `base`).

    The entry point is `base` (the first instruction of the source). Programs report results by storing
    them in memory and ending in a disabled wait (lpswe of a PSW with only the wait bit), which the
    test harness reads back.
    """
    native.genrule(
        name = name,
        srcs = [src] + includes,
        outs = [name + ".bin"],
        cmd = " && ".join([
            "/usr/bin/s390x-linux-gnu-as -march=z13 -mzarch -m64 -I $$(dirname $(location " + src + ")) -o $(@D)/" +
            name + ".o $(location " + src + ")",
            "/usr/bin/s390x-linux-gnu-ld -nostdlib -static -Ttext=" + base + " -e " + base +
            " -o $(@D)/" + name + ".elf $(@D)/" + name + ".o",
            "/usr/bin/s390x-linux-gnu-objcopy -O binary $(@D)/" + name + ".elf $@",
        ]),
        visibility = visibility,
    )
