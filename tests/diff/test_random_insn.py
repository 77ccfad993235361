"""Random-instruction differential test: random z196 instruction snippets (random_insn.py) under s390x-run
and under qemu-s390x-static must leave the same registers, FPC, condition codes and storage window.

CI runs a fixed-seed sample (20 binaries x 50 snippets). For a long run by hand:

    S390VMM_RANDOM_INSN_COUNT=100000 bazel test //tests/diff:random_insn_test --test_output=errors
        (optionally S390VMM_RANDOM_INSN_SEED=N; pass both with --test_env)
    python3 tests/diff/random_insn.py --runner bazel-bin/tools/s390x_run/s390x-run --count 100000

Missing binutils-s390x-linux-gnu or qemu-user-static FAILS the test with what to install.
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import random_insn  # noqa: E402

SNIPPETS_PER_BINARY = 50
DEFAULT_COUNT = 20 * SNIPPETS_PER_BINARY
DEFAULT_SEED = 390196


def test_random_insn(runner, qemu, tmp_path):
    try:
        random_insn.check_tools(qemu)
    except RuntimeError as e:
        pytest.fail(str(e), pytrace=False)
    count = int(os.environ.get("S390VMM_RANDOM_INSN_COUNT", DEFAULT_COUNT))
    seed = int(os.environ.get("S390VMM_RANDOM_INSN_SEED", DEFAULT_SEED))
    n_bin = max(1, (count + SNIPPETS_PER_BINARY - 1) // SNIPPETS_PER_BINARY)
    mismatches = random_insn.run_many([seed + i for i in range(n_bin)], runner, qemu, str(tmp_path),
                                      SNIPPETS_PER_BINARY, 8)
    if mismatches:
        pytest.fail("%d of %d snippets differ between s390x-run and QEMU (seeds %d..%d; reproduce with "
                    "python3 tests/diff/random_insn.py --seed SEED --count %d):\n\n%s"
                    % (len(mismatches), n_bin * SNIPPETS_PER_BINARY, seed, seed + n_bin - 1, SNIPPETS_PER_BINARY,
                       "\n\n".join(str(m) for m in mismatches[:20])), pytrace=False)
