# Sourced by the bench scripts: `measure CMD...` runs CMD $RUNS times and prints
# "median_wall_s cpu_s peak_rss_mb" (CPU and peak memory of the last run, as
# /usr/bin/time reports them). A failing run stops the bench with its command.
measure() {
  local walls=() cpu=0 rss=0 tfile
  tfile=$(mktemp)
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$tfile" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    read -r w u s m <"$tfile"
    walls+=("$w")
    cpu=$(python3 -c "print(round($u+$s,2))")
    rss=$((m / 1024))
  done
  rm -f "$tfile"
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $cpu $rss"
}
