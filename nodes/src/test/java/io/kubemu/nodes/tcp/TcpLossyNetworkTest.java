package io.kubemu.nodes.tcp;

import static io.kubemu.nodes.tcp.TcpPair.SERVER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.tcp.TcpSegment;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bulk transfers over a wire that drops, duplicates and reorders (seeded), and segments made of garbage. */
class TcpLossyNetworkTest {
  @Test
  void aMegabyteEachWayArrivesIntactThroughLossDuplicationAndReordering() {
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      TcpPair net = new TcpPair(TcpConfig.LINUX, random.nextInt(), random.nextInt());
      net.drop = s -> random.nextInt(100) < 5;
      net.duplicate = s -> random.nextInt(100) < 2;
      Recorder server = new Recorder();
      net.server.listen(80, 8, s -> server);
      Recorder client = new Recorder();
      TcpSocket socket = net.client.connect(SERVER, 80, client);
      net.deliverShuffled(random);
      net.advance(Duration.ofSeconds(30)); // the handshake, however many tries it took
      byte[] up = new byte[1 << 20];
      byte[] down = new byte[1 << 20];
      random.nextBytes(up);
      random.nextBytes(down);
      socket.write(up);
      socket.shutdownOutput();
      server.socket.write(down);
      server.socket.shutdownOutput();
      for (int round = 0; round < 400 && !(client.closed && server.closed); round++) {
        net.deliverShuffled(random);
        net.advance(Duration.ofMillis(500));
      }
      assertArrayEquals(up, server.received.toByteArray(), "seed " + seed);
      assertArrayEquals(down, client.received.toByteArray(), "seed " + seed);
      assertTrue(client.events.contains("eof") && server.events.contains("eof"), "seed " + seed + ": " + client.events);
      assertTrue(net.client.stats().retransmits() > 0, "5% loss must cost retransmissions");
      net.advance(Duration.ofSeconds(120));
      assertEquals(0, net.client.connectionCount() + net.server.connectionCount(), "seed " + seed + ": all gone after TIME-WAIT");
    }
  }

  @Test
  void garbageSegmentsNeverThrowAndNeverBreakAConnectionOutsideItsWindow() {
    Random random = new Random(42);
    TcpPair net = new TcpPair();
    Recorder server = new Recorder();
    net.server.listen(80, 8, s -> server);
    TcpSocket socket = net.client.connect(SERVER, 80, new Recorder());
    net.deliver();
    for (int i = 0; i < 20_000; i++) {
      int flags = random.nextInt(0x200);
      long seq = random.nextLong() & 0xFFFFFFFFL;
      long ack = random.nextLong() & 0xFFFFFFFFL;
      byte[] payload = new byte[random.nextInt(3) == 0 ? random.nextInt(100) : 0];
      int port = random.nextBoolean() ? socket.localPort() : random.nextInt(65536);
      TcpSegment seg = TcpSegment.of(TcpPair.CLIENT, SERVER, port, random.nextBoolean() ? 80 : random.nextInt(65536),
          seq, ack, flags, random.nextInt(65536), new byte[0], payload);
      assertDoesNotThrow(() -> net.server.receive(TcpPair.CLIENT, SERVER, seg));
      net.wire.clear();
    }
    assertTrue(net.server.connectionCount() <= TcpConfig.LINUX.maxConnections());
  }
}
