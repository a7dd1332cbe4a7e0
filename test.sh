#!/usr/bin/env bash
# Runs every Luoshi test: unit, integration over HTTP on SQLite and on a real PostgreSQL, browser tests in Chromium,
# the printing test (LibreOffice and pdftotext), two instances behind nginx and the native plan parse (built with gcc or clang). PostgreSQL, Chromium, LibreOffice and nginx are installed with apt-get
# when missing (as root), PostgreSQL is started on a private port in a temporary directory and stopped afterwards.
# Without them their tests are skipped with one line each; with CI=true a missing component fails the run instead.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
ci=false; [ "${CI:-}" = "true" ] && ci=true
missing=()
apt_updated=false
# apt-get waits up to 5 minutes for another process's dpkg/apt lock instead of failing at once; when it still fails,
# its own output is printed, so "no Chromium" never hides the reason.
apt_get() {
  local log rc
  log="$(mktemp)"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3 "$@" >"$log" 2>&1
  rc=$?
  if [ $rc -ne 0 ]; then echo "apt-get $* 失败（退出码 $rc）："; tail -n 30 "$log"; fi
  rm -f "$log"
  return $rc
}
apt_install() {
  [ "$(id -u)" = 0 ] || { echo "未以 root 运行，不能用 apt-get 安装 $*"; return 1; }
  command -v apt-get >/dev/null || { echo "没有 apt-get，不能安装 $*"; return 1; }
  if ! $apt_updated; then apt_get update -qq || true; apt_updated=true; fi
  apt_get install -y -qq --no-install-recommends "$@"
}
skip() { echo "跳过：$1"; missing+=("$1"); }

# --- PostgreSQL 15+ on a private port -------------------------------------------------------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
[ -n "$(pg_bin)" ] || apt_install postgresql || true
pgdir=""
cleanup() {
  if [ -n "$pgdir" ] && [ -d "$pgdir" ]; then
    as_pg "$(pg_bin)/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ -n "$(pg_bin)" ] && { [ "$(id -u)" != 0 ] || id postgres >/dev/null 2>&1; }; then
  pgdir="$(mktemp -d /tmp/luoshi-pg.XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
  port=$(( 20000 + RANDOM % 20000 ))
  if as_pg "$(pg_bin)/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
     && as_pg "$(pg_bin)/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
          -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null 2>&1; then
    export LUOSHI_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20"
    echo "PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}')：127.0.0.1:$port"
  else
    cat "$pgdir"/*.log 2>/dev/null | tail -n 5
    skip "PostgreSQL 无法启动，PostgreSQL 上的集成测试不运行"
  fi
else
  skip "没有 PostgreSQL（需要 root 通过 apt-get 安装 postgresql），PostgreSQL 上的集成测试不运行"
fi

# --- Chromium for the browser tests ---------------------------------------------------------------
if [ ! -x /usr/bin/chromium ]; then apt_install chromium fonts-noto-cjk || true; fi
if [ -x /usr/bin/chromium ]; then
  export LUOSHI_TEST_CHROMIUM=/usr/bin/chromium
  fc-list 2>/dev/null | grep -qi "noto sans cjk" || apt_install fonts-noto-cjk || true
else
  skip "没有 Chromium（需要 root 通过 apt-get 安装 chromium），浏览器测试不运行"
fi

# --- LibreOffice and pdftotext for the printing test (ledger.xlsx and ledger.docx to PDF) -------------
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
  apt_install libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fonts-noto-cjk || true
fi
if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
  fc-list 2>/dev/null | grep -qi "noto sans cjk" || apt_install fonts-noto-cjk || true
else
  skip "没有 LibreOffice 或 pdftotext（需要 root 通过 apt-get 安装 libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils），打印测试不运行"
fi

# --- nginx for the two-instance test (the test starts its own nginx; the package's service is kept from starting) ----------
# Debian starts a freshly installed nginx on port 80; a policy-rc.d answering 101 ("not allowed") stops that, only during the install.
no_service_start() {
  if [ -e /usr/sbin/policy-rc.d ] || [ "$(id -u)" != 0 ]; then "$@"; return; fi
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
  "$@"; local rc=$?
  rm -f /usr/sbin/policy-rc.d
  return $rc
}
[ -x /usr/sbin/nginx ] || no_service_start apt_install nginx || true
if [ -x /usr/sbin/nginx ]; then
  export LUOSHI_TEST_NGINX=/usr/sbin/nginx
else
  skip "没有 nginx（需要 root 通过 apt-get 安装 nginx），nginx 下的两实例测试不运行"
fi

# --- Chinese TrueType fonts for the annual report's PDF (PDFsharp subsets TrueType outlines; Noto CJK's CFF it embeds whole) ---
if ! fc-list 2>/dev/null | grep -qi "AR PL UMing" || ! fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei"; then
  apt_install fonts-arphic-uming fonts-wqy-microhei || true
fi

# --- The native plan parse (Native AOT, src/Luoshi.Cli.Plan) that ./luoshi builds and runs: it needs a C compiler and linker ---
have_cc() { command -v clang >/dev/null || command -v gcc >/dev/null; }
have_cc || apt_install gcc libc6-dev || true
if have_cc; then
  # ./luoshi builds it once (again when its sources change), as it does for a user; its own build log is in .build/plan.
  if ./luoshi plan parse --help >/dev/null && [ -x "$root/.build/plan/luoshi-plan" ] && [ ! -f "$root/.build/plan/.failed" ]; then
    export LUOSHI_TEST_PLAN_NATIVE="$root/.build/plan/luoshi-plan"
  else
    tail -n 20 "$root/.build/plan/build.log" 2>/dev/null
    skip "plan parse 的本机版本构建失败（见 .build/plan/build.log），本机版本的测试不运行"
  fi
else
  skip "没有 C 编译器（需要 root 通过 apt-get 安装 gcc），plan parse 的本机版本的测试不运行"
fi

if $ci && [ ${#missing[@]} -gt 0 ]; then
  echo "CI=true：缺少测试所需的组件，测试失败。"
  echo "0 passed, 1 failed"
  exit 1
fi

# --- Build once, then run every test project ------------------------------------------------------
log="$(mktemp /tmp/luoshi-test.XXXXXX.log)"
if ! dotnet build Luoshi.slnx -c Release --nologo -v q "-clp:ErrorsOnly;NoSummary"; then
  echo "构建失败"
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet test Luoshi.slnx -c Release --no-build --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0
while read -r f p s; do
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\),.*/\1 \2 \3/p' "$log")
rm -f "$log"
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
