#!/bin/bash
# usage: run_pytest.sh EXT.so... -- TEST.py...   (cwd = runfiles root, as `bazel test` runs it)
set -euo pipefail
pp="" asan=""
while [[ $# -gt 0 && "$1" != "--" ]]; do
  pp="$pp:$PWD/$(dirname "$1")"
  readelf -d "$1" | grep -q libasan && asan=1
  shift
done
shift
export PYTHONPATH="${pp#:}${PYTHONPATH:+:$PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1
if [[ -n "$asan" ]]; then
  # --config=asan: python itself is not instrumented, so the runtime must come first; libstdc++ too, or the
  # first C++ throw trips ASan's __cxa_throw interceptor.
  export LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libstdc++.so)"
  export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
fi
filter=()
[[ -n "${TESTBRIDGE_TEST_ONLY:-}" ]] && filter=(-k "$TESTBRIDGE_TEST_ONLY")
rc=0
/usr/bin/python3 -m pytest -q -p no:cacheprovider ${XML_OUTPUT_FILE:+--junitxml="$XML_OUTPUT_FILE"} \
  "${filter[@]}" "$@" || rc=$?
# 5 = no tests collected: an error, unless a --test_filter caused it.
[[ $rc == 5 && ${#filter[@]} -gt 0 ]] && rc=0
exit $rc
