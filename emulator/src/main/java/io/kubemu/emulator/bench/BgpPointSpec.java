package io.kubemu.emulator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One point of {@code kubemu bench bgp}, measured in a JVM of its own: {@code nodes} node agents
 * peering as {@code topology} says ({@code reflectors} of them reflectors in {@code rr}), speakers
 * offering {@code holdTime} (keepalive a third of it); convergence awaited for at most
 * {@code timeout}; then, if {@code kill}, the last node killed and its withdrawal timed. The heap
 * histogram's top {@code histogram} classes are printed at the end (0: none).
 */
public record BgpPointSpec(int nodes, BgpTopology topology, int reflectors, Duration holdTime, Duration timeout, boolean kill,
    int histogram) {
  /** One /26 block per node in 10.244.0.0/16, as Calico's default pool is cut: 1024 blocks. */
  public static final int MAX_NODES = 1024;

  public BgpPointSpec {
    check(nodes >= 2 && nodes <= MAX_NODES, "--nodes " + nodes + " (expected: 2.." + MAX_NODES + ": one /26 block per node"
        + " in 10.244.0.0/16)");
    check(reflectors >= 1 && reflectors <= 16, "--reflectors " + reflectors + " (expected: 1..16)");
    check(topology != BgpTopology.RR || nodes > reflectors, "--nodes " + nodes + " with --reflectors " + reflectors
        + " (expected: more nodes than reflectors)");
    check(holdTime.toSeconds() >= 3 && holdTime.toSeconds() <= 65535 && holdTime.toMillis() % 1000 == 0, "--hold-time "
        + holdTime.toMillis() / 1000.0 + " (expected: whole seconds, 3..65535, as OPEN carries it)");
    check(timeout.toSeconds() >= 1 && timeout.toSeconds() <= 86_400, "--timeout " + timeout.toSeconds() + " (expected: 1..86400 seconds)");
    check(histogram >= 0 && histogram <= 200, "--histogram " + histogram + " (expected: 0..200 classes)");
  }

  /** The keepalive the speakers offer: a third of the hold time, as RFC 4271 suggests. */
  public Duration keepalive() {
    return holdTime.dividedBy(3);
  }

  /** The arguments of {@code kubemu bench bgp point} that measure this point. */
  List<String> toArgs() {
    List<String> args = new ArrayList<>(List.of("--nodes", Integer.toString(nodes), "--topology", topology.label(),
        "--reflectors", Integer.toString(reflectors), "--hold-time", Long.toString(holdTime.toSeconds()),
        "--timeout", Long.toString(timeout.toSeconds()), "--histogram", Integer.toString(histogram)));
    if (!kill) {
      args.add("--skip-kill");
    }
    return args;
  }

  static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }
}
