package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The BGP bench's options and points: what the command line gives, and every bad value failing with what was expected. */
class BgpBenchOptionsTest {
  private static void fails(String message, Executable e) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  private static BgpPointSpec point(int nodes, BgpTopology topology, int reflectors, int holdSeconds) {
    return new BgpPointSpec(nodes, topology, reflectors, Duration.ofSeconds(holdSeconds), Duration.ofSeconds(600), true, 0);
  }

  @Test
  void nodeCountsAndTopologiesAreListsWithoutRepeats() {
    assertEquals(List.of(100, 500, 1000), BgpBenchOptions.parseNodes("100, 500,1000"));
    assertEquals(List.of(BgpTopology.MESH, BgpTopology.RR), BgpBenchOptions.parseTopologies("mesh,rr"));
    fails("--nodes: 'many' is no number (expected: node counts such as 100,500,1000)", () -> BgpBenchOptions.parseNodes("100,many"));
    fails("--nodes: '' is no number (expected: node counts such as 100,500,1000)", () -> BgpBenchOptions.parseNodes("100,"));
    fails("--nodes: 100 twice", () -> BgpBenchOptions.parseNodes("100,100"));
    fails("--topology: unknown topology 'star' (expected: mesh, rr)", () -> BgpBenchOptions.parseTopologies("mesh,star"));
    fails("--topology: rr twice", () -> BgpBenchOptions.parseTopologies("rr,rr"));
  }

  @Test
  void pointsRunByNodeCountEachWithEveryTopology() {
    BgpBenchOptions o = new BgpBenchOptions(List.of(100, 500), List.of(BgpTopology.MESH, BgpTopology.RR), 3,
        Duration.ofSeconds(9), Duration.ofSeconds(600), true, "12g", 0);
    assertEquals(List.of("mesh 100", "rr 100", "mesh 500", "rr 500"),
        o.points().stream().map(p -> p.topology().label() + " " + p.nodes()).toList());
    assertEquals(Duration.ofSeconds(3), o.points().get(0).keepalive());
    assertEquals(List.of("--nodes", "500", "--topology", "rr", "--reflectors", "3", "--hold-time", "9", "--timeout", "600",
        "--histogram", "0"), o.points().get(3).toArgs());
  }

  @Test
  void badValuesSayWhatWasExpected() {
    fails("--nodes 1 (expected: 2..1024: one /26 block per node in 10.244.0.0/16)", () -> point(1, BgpTopology.MESH, 3, 9));
    fails("--nodes 1025 (expected: 2..1024: one /26 block per node in 10.244.0.0/16)", () -> point(1025, BgpTopology.MESH, 3, 9));
    fails("--nodes 3 with --reflectors 3 (expected: more nodes than reflectors)", () -> point(3, BgpTopology.RR, 3, 9));
    fails("--reflectors 0 (expected: 1..16)", () -> point(10, BgpTopology.RR, 0, 9));
    fails("--hold-time 2.0 (expected: whole seconds, 3..65535, as OPEN carries it)", () -> point(10, BgpTopology.MESH, 3, 2));
    fails("--heap '12 GB' (expected: a -Xmx size such as 12g)", () -> new BgpBenchOptions(List.of(10), List.of(BgpTopology.MESH), 3,
        Duration.ofSeconds(9), Duration.ofSeconds(600), true, "12 GB", 0));
    fails("--nodes 2000 (expected: 2..1024: one /26 block per node in 10.244.0.0/16)", () -> new BgpBenchOptions(List.of(10, 2000),
        List.of(BgpTopology.MESH), 3, Duration.ofSeconds(9), Duration.ofSeconds(600), true, "12g", 0));
  }

  @Test
  void sessionsPerNodeAndInAllFollowTheTopology() {
    assertEquals(99, BgpTopology.MESH.sessionsOf(5, 100, 3));
    assertEquals(4950, BgpTopology.MESH.sessions(100, 3));
    assertEquals(99, BgpTopology.RR.sessionsOf(2, 100, 3), "a reflector: 97 clients and 2 other reflectors");
    assertEquals(3, BgpTopology.RR.sessionsOf(4, 100, 3), "a client: the reflectors");
    assertEquals(3 * 97 + 3, BgpTopology.RR.sessions(100, 3));
  }

  @Test
  void aPointStartsWithEightMegabytesANodeAtLeastAGigabyteAndAtMostTheMaximum() {
    assertEquals("1024m", BgpBench.initialHeap(100, "12g"));
    assertEquals("8000m", BgpBench.initialHeap(1000, "12g"));
    assertEquals("4096m", BgpBench.initialHeap(1000, "4g"));
    assertEquals("512m", BgpBench.initialHeap(1000, "512M"));
    assertEquals("2048m", BgpBench.initialHeap(1000, "2097152k"));
  }
}
