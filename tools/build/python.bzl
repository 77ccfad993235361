"""py_extension: a pybind11 module built against Debian's Python 3.11."""

def py_extension(name, srcs, deps = [], visibility = None, **kwargs):
    """Builds name.so; the PYBIND11_MODULE name in srcs must be `name`."""
    native.cc_binary(
        name = name + ".so",
        srcs = srcs,
        deps = deps + ["@system//:pybind11"],
        linkshared = True,
        copts = ["-fvisibility=hidden"],
        visibility = visibility,
        **kwargs
    )
