"""cc_fuzz: a libFuzzer target. Build with --config=fuzz (clang); gcc cannot link it, hence "manual"."""

def cc_fuzz(name, srcs, deps = [], tags = [], **kwargs):
    native.cc_binary(
        name = name,
        srcs = srcs,
        deps = deps,
        copts = ["-fsanitize=fuzzer"],
        linkopts = ["-fsanitize=fuzzer"],
        tags = tags + ["manual", "fuzz"],
        **kwargs
    )
