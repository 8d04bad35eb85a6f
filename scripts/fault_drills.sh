#!/usr/bin/env bash
# Fault drills (issue 7): stop the real PostgreSQL and Redis under the production profile,
# kill the RQ workers mid-parse, then run the fault tests (tests/faults, slow ones too).
# Writes the "## Drills" section of docs/reliability.md.
#
#   scripts/fault_drills.sh [--only postgres redis worker] [--outage 6]
#
# PostgreSQL and Redis are this machine's servers: the trap below starts them again
# whatever happens (never left down).  Other users of the machine see a few seconds of
# outage: run it when that is acceptable.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/artifacts/faults"
mkdir -p "$OUT"

restart_services() {
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
}
trap restart_services EXIT INT TERM

export RATELIMIT_SMS_SEND="100000/hour" RATELIMIT_SMS_VERIFY="100000/hour"
scripts/prod_local.sh stop >/dev/null 2>&1 || true
scripts/prod_local.sh start
# The slow file of the mid-parse drill comes from the fuzz seeds (made, never committed).
[ -f artifacts/fuzz/pdf/hostile/made-flate-bomb.pdf ] || .venv/bin/python -c "
from pathlib import Path; from fuzz.run import broken_pdfs
p = Path('artifacts/fuzz/pdf/hostile'); p.mkdir(parents=True, exist_ok=True)
(p / 'made-flate-bomb.pdf').write_bytes(broken_pdfs()['made-flate-bomb.pdf'])"

echo "== drills against the production profile"
.venv/bin/python -m tests.faults.drill "$@" | tee "$OUT/drills.log"
restart_services

echo "== fault tests (tests/faults, slow ones included)"
set +e
FAULTS_SLOW=1 .venv/bin/python -m pytest -q tests/faults -rfs 2>&1 | tee "$OUT/pytest.log"
set -e

scripts/prod_local.sh stop || true

.venv/bin/python - "$OUT" <<'EOF'
import re, sys, time
from pathlib import Path
out = Path(sys.argv[1])
rows = [l for l in (out / "drills.log").read_text().splitlines() if l.startswith("|")]  # the final table
doc = Path("docs/reliability.md")
text = doc.read_text(encoding="utf-8") if doc.exists() else "# Reliability\n"
# A run of some drills (--only) keeps the rows of the others from the last full run.
key = lambda row: row.split("|")[1].strip()[:12]
old = re.search(r"^## Drills\n(.*?)(?=^## |\Z)", text, re.M | re.S)
new_keys = {key(r) for r in rows[2:]}
kept = [l for l in (old.group(1).splitlines() if old else []) if l.startswith("| ") and not l.startswith("| fault")
        and key(l) not in new_keys]
rows = rows[:2] + kept + rows[2:]
tests = (out / "pytest.log").read_text().splitlines()
summary = next((l for l in reversed(tests) if re.search(r"\d+ (passed|failed)", l)), "no summary")
failed = [l for l in tests if l.startswith(("FAILED", "SKIPPED"))]
section = "\n".join([
    "## Drills", "",
    f"`scripts/fault_drills.sh`, {time.strftime('%Y-%m-%d')}: the production profile (`make run-prod-local`) with "
    "the machine's PostgreSQL and Redis really stopped and restarted, and the RQ workers SIGKILLed; a probe "
    "requests `/jobs?probe=<n>` (Accept-Language zh-CN; a new URL each time, so the board's page cache never "
    "answers) through the TLS proxy every 100 ms. `503 zh`: the 503 page, in Chinese.",
    "", *rows, "",
    f"Then `FAULTS_SLOW=1 pytest tests/faults`: {summary.strip('= ')}.",
    *[f"- {l}" for l in failed], "",
])
pattern = re.compile(r"^## Drills\n.*?(?=^## |\Z)", re.M | re.S)
text = pattern.sub(lambda _m: section + "\n", text, count=1) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
doc.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
print("wrote the Drills section of docs/reliability.md")
EOF
