#!/usr/bin/env bash
# Time cpstrategy's whole commands with hyperfine, beside the floor (the installed command's own
# interpreter importing yaml) and Taskwarrior on the same tasks. See benchmarks/README.md.
#
#   bash benchmarks/run.sh                      # 1k, 10k and 100k actions
#   SIZES="1000 10000" RUNS=5 bash benchmarks/run.sh
#
# Settings (environment): SIZES, RUNS (default 10, 5 at 100k and over), WARMUP (2), AS_OF
# (2023-06-30), SEED (1), CPSTRATEGY (default: cpstrategy on PATH), PYTHON (runs the generator
# and the summary; default python3).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$here/.work
results=${RESULTS:-$here/results}  # replaced by each run: RESULTS=DIR keeps the committed ones
read -ra sizes <<<"${SIZES:-1000 10000 100000}"
WARMUP=${WARMUP:-2}
AS_OF=${AS_OF:-2023-06-30}
SEED=${SEED:-1}
PYTHON=${PYTHON:-python3}
TASK_OPTS="rc.gc=off rc.verbose=nothing rc.confirmation=off"

say() { printf '%s\n' "$*" >&2; }

if ! command -v hyperfine >/dev/null; then
    say "run.sh: hyperfine is not installed. On Debian or Ubuntu:"
    say "    apt-get install -y hyperfine taskwarrior time"
    exit 1
fi
command -v "$PYTHON" >/dev/null || { say "run.sh: $PYTHON not found (set PYTHON)"; exit 1; }
have_task=1
command -v task >/dev/null || {
    have_task=0
    say "run.sh: Taskwarrior (task) not found: skipping it; apt-get install -y taskwarrior"
}
have_time=1
[ -x /usr/bin/time ] || { have_time=0; say "run.sh: /usr/bin/time not found: no peak memory; apt-get install -y time"; }

# The command under test and the interpreter its shebang names (the floor runs that interpreter).
cp=${CPSTRATEGY:-$(command -v cpstrategy || true)}
interpreter() {
    local first
    first=$(head -n1 "$1" | tr -d '\r')
    case $first in
        '#!/bin/sh'*) # pip's wrapper when the interpreter path is too long for a shebang
            sed -n "2s/^'''exec' \"\\{0,1\\}\\([^\" ]*\\).*/\\1/p" "$1" ;;
        '#!'*) printf '%s\n' "${first#\#!}" ;;
    esac
}
if [ -z "$cp" ]; then
    say "run.sh: cpstrategy is not on PATH: skipping every cpstrategy command and the floor."
    say "        Install it as the project README says (or set CPSTRATEGY=/path/to/cpstrategy)."
    [ "$have_task" = 1 ] || exit 0
else
    interp=$(interpreter "$cp")
    if [ -z "$interp" ]; then
        say "run.sh: $cp has no '#!' line: cannot tell its interpreter; using $PYTHON for the floor"
        interp=$PYTHON
    fi
    no_cache=0
    help=$("$cp" --help 2>/dev/null || true)
    [[ $help == *--no-cache* ]] && no_cache=1
    has_report=0
    "$cp" report --help >/dev/null 2>&1 && has_report=1
fi

mkdir -p "$work" "$results"
export XDG_CACHE_HOME=$work/cache # cpstrategy's cache lives here, not in the user's cache folder
# An installed command runs from compiled modules; without them every run would compile the
# package again (an editable install in a shell that sets this would time the compiler).
unset PYTHONDONTWRITEBYTECODE
unset CPSTRATEGY_NO_CACHE CPSTRATEGY_DATA
q() { printf '%q' "$1"; } # quote a path for hyperfine's shell-like word splitting (-N)
add() { names+=("$1"); cmds+=("$2"); }

{
    echo "# Machine"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- system: $(uname -srm)"
    echo "- CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(nproc) cores"
    echo "- memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "- hyperfine: $(hyperfine --version)"
    [ "$have_task" = 1 ] && echo "- Taskwarrior: $(task --version)"
    if [ -n "$cp" ]; then
        echo "- cpstrategy: $cp ($("$cp" --version 2>/dev/null || echo 'no --version'))"
        echo "- its interpreter: $interp ($($interp -c 'import sys, yaml; print(sys.version.split()[0], "PyYAML", yaml.__version__, "libyaml" if yaml.__with_libyaml__ else "no libyaml")' 2>&1))"
    fi
    echo "- settings: SIZES=\"${sizes[*]}\" WARMUP=$WARMUP AS_OF=$AS_OF SEED=$SEED"
} >"$results/machine.md"
cat "$results/machine.md"

: >"$results/memory.tsv"
: >"$results/counts.tsv"
gen_key=$(sha256sum "$here/generate.py" | cut -c1-12)

for n in "${sizes[@]}"; do
    runs=${RUNS:-$([ "$n" -ge 100000 ] && echo 5 || echo 10)}
    dir=$work/n$n-seed$SEED-$AS_OF-$gen_key # a new generator or setting gives new data
    if [ ! -f "$dir/.done" ]; then
        rm -rf "$dir"
        say "== generating $n actions into $dir"
        "$PYTHON" "$here/generate.py" "$n" "$dir" --seed "$SEED" --as-of "$AS_OF"
        touch "$dir/.done"
    fi
    data=$dir/data

    names=()
    cmds=()
    if [ -n "$cp" ]; then
        add "floor: python -c 'import yaml'" "$interp -c 'import yaml'" # a shebang has no quotes
        add "cpstrategy --help" "$(q "$cp") --help"
        base="$(q "$cp") --data $(q "$data") --as-of $AS_OF"
        subcommands=("validate" "status --format json" "overdue --format json")
        [ "$has_report" = 1 ] && subcommands+=("report --board" "report --board --format html")
        for sub in "${subcommands[@]}"; do
            add "$sub" "$base $sub"
            [ "$no_cache" = 1 ] && add "$sub --no-cache" "$base --no-cache $sub"
        done
    fi
    if [ "$have_task" = 1 ]; then
        export TASKRC=$dir/task/taskrc TASKDATA=$dir/task/data
        if [ ! -f "$dir/task/.imported" ]; then
            rm -rf "$dir/task"
            mkdir -p "$TASKDATA"
            printf 'data.location=%s\ngc=off\nverbose=nothing\nconfirmation=off\nhooks=off\n' \
                "$TASKDATA" >"$TASKRC"
            say "== importing $n tasks into Taskwarrior"
            # shellcheck disable=SC2086
            task $TASK_OPTS import "$dir/taskwarrior.json" >/dev/null
            touch "$dir/task/.imported"
        fi
        add "task overdue" "task $TASK_OPTS overdue"
        add "task count +OVERDUE" "task $TASK_OPTS count +OVERDUE"
    fi

    # One plain run of each first: drop (and show) a command that fails rather than abort.
    args=()
    for i in "${!cmds[@]}"; do
        if eval "${cmds[$i]}" >/dev/null 2>"$work/stderr"; then
            args+=(-n "${names[$i]}" "${cmds[$i]}")
        else
            say "run.sh: '${names[$i]}' failed at $n actions (exit $?); left out. Its stderr:"
            head -n 5 "$work/stderr" >&2
        fi
    done
    if [ "${#args[@]}" = 0 ]; then
        say "run.sh: nothing to time at $n actions"
        continue
    fi
    say "== timing $((${#args[@]} / 3)) commands at $n actions: $WARMUP warm-up and $runs runs each"
    hyperfine -N --warmup "$WARMUP" --runs "$runs" --time-unit millisecond \
        --export-json "$results/hyperfine-$n.json" --export-markdown "$results/hyperfine-$n.md" \
        "${args[@]}"

    # Peak memory (cache warm after the runs above), and what each side lists.
    if [ "$have_time" = 1 ]; then
        for i in "${!names[@]}"; do
            case ${names[$i]} in
                validate* | status* | overdue* | "task overdue")
                    eval "/usr/bin/time -v ${cmds[$i]}" >/dev/null 2>"$work/time" || true
                    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
                    printf '%s\t%s\t%s\n' "$n" "${names[$i]}" "${kb:-}" >>"$results/memory.tsv" ;;
            esac
        done
    fi
    if [ -n "$cp" ]; then
        rows=$(eval "$base overdue --format json" 2>/dev/null |
            "$PYTHON" -c 'import json, sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo "?")
        printf '%s\tcpstrategy overdue rows (as of %s)\t%s\n' "$n" "$AS_OF" "$rows" >>"$results/counts.tsv"
    fi
    if [ "$have_task" = 1 ]; then
        # shellcheck disable=SC2086
        printf '%s\ttask count +OVERDUE (as of now)\t%s\n' "$n" "$(task $TASK_OPTS count +OVERDUE)" \
            >>"$results/counts.tsv"
    fi
done

"$PYTHON" "$here/summary.py" "$results" "${sizes[@]}" | tee "$results/summary.md"
