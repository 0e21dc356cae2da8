"""Run one page's examples in order in this fresh interpreter: ``python run_blocks.py RESULT.json``.

Reads ``{"model": "sm" | "md", "blocks": [{"where", "line", "lang", "code"}]}`` on stdin and
writes one result per block run (``where``, ``ok``, ``stdout``, ``error``) to RESULT.json,
stopping at the first failure. Python blocks share one namespace, as in a reader's session;
``sh`` blocks run in bash with ``set -euo pipefail``. With ``sm``, the md model resolves to sm
(the CLI gets ``--model sm`` from the ``quotegraph`` wrapper the test puts first on PATH).
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import traceback
from typing import Any


def use_small_model() -> None:
    import quotegraph.nlp.model as model

    resolve = model._resolve
    model._resolve = lambda name: resolve("sm" if name == "md" else name)


def run_python(block: dict[str, Any], namespace: dict[str, Any]) -> dict[str, Any]:
    out = io.StringIO()
    source = "\n" * block["line"] + block["code"]  # tracebacks name the page's own line numbers
    try:
        code = compile(source, block["where"].rsplit(":", 1)[0], "exec")
        with contextlib.redirect_stdout(out):
            exec(code, namespace)
    except BaseException:
        return {"ok": False, "stdout": out.getvalue(), "error": traceback.format_exc()}
    return {"ok": True, "stdout": out.getvalue(), "error": ""}


def run_sh(block: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + block["code"]], capture_output=True, text=True, timeout=900
    )
    error = "" if done.returncode == 0 else f"exit status {done.returncode}\n{done.stderr}"
    return {"ok": done.returncode == 0, "stdout": done.stdout, "error": error}


def main() -> int:
    job = json.load(sys.stdin)
    if job["model"] == "sm":
        use_small_model()
    namespace: dict[str, Any] = {"__name__": "__main__"}
    results = []
    for block in job["blocks"]:
        result = run_python(block, namespace) if block["lang"] == "python" else run_sh(block)
        results.append({"where": block["where"], **result})
        if not result["ok"]:
            break
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        json.dump(results, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
