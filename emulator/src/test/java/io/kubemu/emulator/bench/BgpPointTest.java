package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A few nodes of each topology in one actor system: they converge, and a killed node's block is withdrawn. */
class BgpPointTest {
  private static BgpPointResult measure(BgpTopology topology, int nodes) throws InterruptedException {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    BgpPointResult r = BgpPoint.measure(new BgpPointSpec(nodes, topology, 2, Duration.ofSeconds(3), Duration.ofSeconds(60), true,
        3), new PrintStream(progress, true, StandardCharsets.UTF_8));
    assertTrue(r.converged(), progress.toString(StandardCharsets.UTF_8));
    assertTrue(r.withdrawn(), progress.toString(StandardCharsets.UTF_8));
    return r;
  }

  @Test
  void aFullMeshConvergesAndWithdrawsADeadNode() throws InterruptedException {
    BgpPointResult r = measure(BgpTopology.MESH, 5);
    assertEquals(5, r.convergedNodes());
    assertEquals(10, r.sessions());
    assertEquals(10, r.expectedSessions());
    assertEquals(5 * 5, r.paths(), "every node holds its own block and one path to each other's");
    assertEquals("w5", r.killed());
    assertTrue(r.withdrawMs() < 10_000, "the hold time is 3 s: " + r.withdrawMs());
    assertTrue(r.messages() >= 5 * 4 * 3, "an OPEN, a KEEPALIVE and an UPDATE at least per session and side: " + r.messages());
    assertEquals(4, r.liveNodes());
    assertTrue(r.histogram().size() >= 3, r.histogram().toString());
  }

  @Test
  void routeReflectorsConvergeAndWithdrawADeadClient() throws InterruptedException {
    BgpPointResult r = measure(BgpTopology.RR, 6);
    assertEquals(2 * 4 + 1, r.sessions(), "w1 and w2 reflect for w3..w6 and peer with each other");
    assertEquals(r.expectedSessions(), r.sessions());
    // reflectors: own block and one path from each client and the other reflector; clients: own block and two of each other
    assertEquals(2 * (1 + 5) + 4 * (1 + 2 * 5), r.paths(), "each client hears every block from both reflectors");
    assertEquals("w6", r.killed());
  }
}
