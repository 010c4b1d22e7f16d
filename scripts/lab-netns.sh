#!/usr/bin/env bash
# A two-machine kubemu lab on one Linux box: two network namespaces joined by a veth pair, one host
# JVM in each, bound to its own address. What deploy/README.md does on real machines, by hand here.
#
#   sudo scripts/lab-netns.sh up              create the namespaces, start h1 (seed, control plane, w1) and h2 (w2)
#   sudo scripts/lab-netns.sh kubemu ARGS...  run the CLI inside the first namespace, e.g. 'kubemu get nodes'
#   sudo scripts/lab-netns.sh status          namespaces, addresses, host records
#   sudo scripts/lab-netns.sh down            stop both hosts, delete the namespaces and the lab folder
#
# Settings (environment): KUBEMU_LAB (name prefix, default km-lab: namespaces km-lab-a, km-lab-b),
# KUBEMU_LAB_NET (first three octets of a private /24 used only inside the namespaces, default
# 10.251.0: h1 is .1, h2 is .2), KUBEMU_LAB_DIR (default /tmp/kubemu-lab-$KUBEMU_LAB), KUBEMU_LAB_PORT
# (Pekko, default 25520), KUBEMU_LAB_API_PORT (default 6443), KUBEMU (the launcher, default this
# checkout's scripts/kubemu; the distribution's bin/kubemu works too), KUBEMU_JAVA_OPTS.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lab="${KUBEMU_LAB:-km-lab}"
net="${KUBEMU_LAB_NET:-10.251.0}"
dir="${KUBEMU_LAB_DIR:-/tmp/kubemu-lab-$lab}"
port="${KUBEMU_LAB_PORT:-25520}"
api_port="${KUBEMU_LAB_API_PORT:-6443}"
kubemu="${KUBEMU:-$repo/scripts/kubemu}"
export KUBEMU_JAVA_OPTS="${KUBEMU_JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}"
ns_a="$lab-a"
ns_b="$lab-b"
addr_a="$net.1"
addr_b="$net.2"

die() { echo "lab-netns: $*" >&2; exit 1; }

preflight() {
  [[ $(id -u) == 0 ]] || die "needs root (network namespaces): run it with sudo"
  ip netns list >/dev/null 2>&1 || die "'ip netns' is not available (install iproute2)"
  [[ $net =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "KUBEMU_LAB_NET '$net' (expected: three octets, e.g. 10.251.0)"
}

ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }

# Starts one host in the background inside namespace $1; its log goes to $dir/$name.log.
start_host() {
  local ns=$1 name=$2 bind=$3 roles=$4 nodes=$5 api=$6
  mkdir -p "$dir/$name"
  setsid ip netns exec "$ns" "$kubemu" host --join "$addr_a:$port" --bind "$bind" --port "$port" --name "$name" \
    --roles "$roles" --nodes "$nodes" --api-port "$api" --state-dir "$dir/$name" \
    </dev/null >"$dir/$name.log" 2>&1 &
}

cli() { ip netns exec "$ns_a" env -u KUBEMU_API KUBEMU_HOME="$dir/h1" "$kubemu" "$@"; }

up() {
  preflight
  ns_exists "$ns_a" || ns_exists "$ns_b" && die "namespace $ns_a or $ns_b exists: run '$0 down' first"
  [[ -x $kubemu ]] || die "no launcher at $kubemu (set KUBEMU)"
  if [[ $kubemu == "$repo/scripts/kubemu" && ! -f $repo/emulator/target/kubemu-emulator.jar ]]; then
    (cd "$repo" && mvn -q -B -DskipTests install) || die "build failed"
  fi
  mkdir -p "$dir"
  ip netns add "$ns_a"
  ip netns add "$ns_b"
  # The veth pair is created inside the namespaces: nothing of the lab appears in the root namespace.
  ip -n "$ns_a" link add eth0 type veth peer name eth0 netns "$ns_b"
  ip -n "$ns_a" addr add "$addr_a/24" dev eth0
  ip -n "$ns_b" addr add "$addr_b/24" dev eth0
  for ns in "$ns_a" "$ns_b"; do
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
  done
  start_host "$ns_a" h1 "$addr_a" control-plane,worker w1 "$api_port"
  start_host "$ns_b" h2 "$addr_b" worker w2 0
  echo "starting h1 in $ns_a ($addr_a) and h2 in $ns_b ($addr_b); logs in $dir/h1.log, $dir/h2.log"
  local deadline=$((SECONDS + 120))
  until cli get nodes 2>/dev/null | awk '$2 == "Ready" {n++} END {exit n == 2 ? 0 : 1}'; do
    ((SECONDS < deadline)) || { tail -n 20 "$dir/h1.log" "$dir/h2.log" >&2; die "w1 and w2 not Ready after 120s (see above; '$0 down' cleans up)"; }
    sleep 1
  done
  cli get nodes -o wide
  cat <<EOF

lab is up: h1 $addr_a:$port (API http://$addr_a:$api_port, only reachable inside $ns_a), h2 $addr_b:$port
use the CLI from inside $ns_a:
  $0 kubemu apply -f $repo/examples/two-pods.yaml
  $0 kubemu get pods -o wide
  $0 kubemu exec client -- ping -c 3 <server IP>
or by hand: ip netns exec $ns_a env KUBEMU_API=http://$addr_a:$api_port $kubemu get nodes
stop it with: $0 down
EOF
}

down() {
  preflight
  # Removing the run markers stops each host by itself within seconds; what remains is killed.
  local pids=()
  for h in h1 h2; do
    if [[ -d $dir/$h/run ]]; then
      pids+=($(sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p' "$dir/$h/run/hosts/$h.json" 2>/dev/null || true))
      rm -rf "$dir/$h/run"
    fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  done
  for ns in "$ns_a" "$ns_b"; do
    if ns_exists "$ns"; then
      for pid in $(ip netns pids "$ns"); do kill -9 "$pid" 2>/dev/null || true; done
      ip netns del "$ns"
      echo "deleted namespace $ns"
    fi
  done
  rm -rf "$dir"
  echo "lab $lab is down"
}

status() {
  preflight
  for ns in "$ns_a" "$ns_b"; do
    if ns_exists "$ns"; then
      echo "$ns: $(ip -n "$ns" -br addr show dev eth0 | awk '{print $3}'), processes: $(ip netns pids "$ns" | tr '\n' ' ')"
    else
      echo "$ns: absent"
    fi
  done
  for h in h1 h2; do
    [[ -f $dir/$h/run/hosts/$h.json ]] && tr -d '\n ' <"$dir/$h/run/hosts/$h.json" && echo
  done
  return 0
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kubemu) shift; preflight; ns_exists "$ns_a" || die "lab $lab is not up (run '$0 up')"; cli "$@" ;;
  *) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "$0" >&2; exit 2 ;;
esac
