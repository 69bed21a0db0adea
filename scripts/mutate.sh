#!/usr/bin/env bash
# Mutation testing of the rules (model/planning/, model/capture/) with mutmut.
#
#   scripts/mutate.sh                       every module (long: run it in the background)
#   scripts/mutate.sh model.planning.caps   one module (a prefix of the mutants' names)
#   scripts/mutate.sh --score               only print the score per module of the last runs
#
# Needs the dev extra: .venv/bin/pip install -e '.[test,dev]'. Settings: [tool.mutmut] in
# pyproject.toml (which tests run). Results stay in mutants/ (git-ignored); list the
# survivors with `.venv/bin/mutmut results`, see one with `.venv/bin/mutmut show NAME`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
if [[ "${1:-}" != "--score" ]]; then
    if [[ $# -eq 0 ]]; then set -- "model.planning.*" "model.capture.*"; fi
    for module in "$@"; do
        nice -n 10 .venv/bin/mutmut run --max-children "${MUTMUT_CHILDREN:-1}" "${module%\*}*" >/dev/null
    done
fi
"$PY" - <<'PYEOF'
import json
from pathlib import Path

# mutmut's exit codes per mutant: 1 killed (a test failed), 0 survived, 33 no test ran it,
# 24/36/152 timeout or killed by a signal (count as caught), None not run yet
total = killed = 0
for meta in sorted(Path("mutants/model").rglob("*.py.meta")):
    every = json.loads(meta.read_text())["exit_code_by_key"].values()
    codes = [c for c in every if c is not None]
    if not codes:
        continue
    caught = sum(c not in (0, 33) for c in codes)
    total += len(codes)
    killed += caught
    name = str(meta.relative_to("mutants")).removesuffix(".py.meta").replace("/", ".")
    partly = f"  (only {len(codes)} of {len(every)} run)" if len(codes) < len(every) else ""
    print(f"{name:32} {caught:5}/{len(codes):<5} {100 * caught / len(codes):5.1f}% killed{partly}")
if total:
    print(f"{'all run':32} {killed:5}/{total:<5} {100 * killed / total:5.1f}% killed")
PYEOF
