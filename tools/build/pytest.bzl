"""py_pytest: runs pytest files with /usr/bin/python3 (Debian's, which has pytest) under `bazel test`."""

def py_pytest(name, srcs, extensions = [], data = [], **kwargs):
    """A test running `python3 -m pytest srcs` with each extension's directory on PYTHONPATH."""
    native.sh_test(
        name = name,
        srcs = ["//tools/build:run_pytest.sh"],
        args = ["$(rootpaths %s)" % e for e in extensions] + ["--"] + ["$(rootpaths %s)" % s for s in srcs],
        data = srcs + extensions + data,
        **kwargs
    )
