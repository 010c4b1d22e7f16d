package io.kubemu.nodes.tcp;

import static io.kubemu.nodes.tcp.TcpPair.CLIENT;
import static io.kubemu.nodes.tcp.TcpPair.SERVER;
import static io.kubemu.protocols.tcp.TcpSegment.ACK;
import static io.kubemu.protocols.tcp.TcpSegment.FIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.tcp.TcpSegment;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Regressions found in review: ACK storms after both sides time out, unacknowledged reordered pieces, cwnd overflow, reassembly bytes, zero-window probing. */
class TcpRegressionTest {
  final TcpPair net = new TcpPair();
  final Recorder server = new Recorder();
  final Recorder client = new Recorder();

  TcpSocket open() {
    net.server.listen(80, 128, s -> server);
    TcpSocket s = net.client.connect(SERVER, 80, client);
    net.deliver();
    return s;
  }

  /** Both sides time out with >1 MSS the peer already has: their pure ACKs carry the rewound SND.NXT. */
  @Test
  void bothSidesRewoundAfterTimeoutRecover() {
    TcpSocket c = open();
    c.write(new byte[4 * 1370]);
    server.socket.write(new byte[4 * 1370]);
    net.drop = s -> s.segment().payload().length == 0; // every pure ACK lost
    net.deliver();                                      // both sides hold all of the other's data
    net.drop = s -> true;
    net.advance(Duration.ofMillis(250));                 // both RTOs fire: SND.NXT := SND.UNA; resends lost
    net.drop = s -> false;
    int before = net.log.size();
    net.advance(Duration.ofSeconds(3));                  // throws "the wire never went quiet" today
    assertTrue(net.log.size() - before < 100, "segments: " + (net.log.size() - before));
    assertEquals(0, c.unacknowledged());
    assertEquals(0, server.socket.unacknowledged());
  }

  /** Two pieces released by one segment; the program answers the first: the second (here the FIN) is never ACKed. */
  @Test
  void everyPieceTakenFromTheReorderQueueIsAcked() {
    TcpSocket c = open();
    server.socket.handler(new Recorder() {
      @Override
      public void onData(TcpSocket s, byte[] data) {
        s.write("HTTP/1.0 200 OK\r\n\r\n".getBytes());
      }
    });
    c.write("GET / HTTP/1.0\r\n\r\n".getBytes());
    c.shutdownOutput();
    // reorder: FIN first, then the data
    List<TcpPair.Sent> onWire = new ArrayList<>(net.wire);
    net.wire.clear();
    net.wire.add(onWire.get(1));
    net.wire.add(onWire.get(0));
    net.deliver();
    assertEquals(TcpState.CLOSE_WAIT, server.socket.state());
    assertEquals(TcpState.FIN_WAIT_2, c.state(), "the server never ACKed the FIN");
  }

  /** cwnd grows by every byte acked in slow start and is an int: after ~2 GiB it goes negative and output() stalls forever. */
  @Test
  void cwndOverflowStallsTheConnection() throws Exception {
    TcpSocket c = open();
    Field cwnd = Sender.class.getDeclaredField("cwnd");
    cwnd.setAccessible(true);
    Sender sender = ((TcpConnection) c).sender;
    cwnd.setInt(sender, Integer.MAX_VALUE - 1000); // where 2 GiB of loss-free slow start leaves it
    c.write(new byte[20_000]);
    net.deliver();
    c.write(new byte[20_000]);
    net.deliver();
    net.advance(Duration.ofSeconds(60));
    assertEquals(40_000, server.received.size(), "cwnd=" + cwnd.getInt(sender));
  }

  /** 256 out-of-order segments of 60 000 bytes each are all kept: the queue is bounded by count, not bytes. */
  @Test
  void reassemblyIsBoundedByTheWindowNotBySegmentCount() throws Exception {
    TcpSocket c = open();
    TcpConnection s = (TcpConnection) server.socket;
    long rcvNxt = Integer.toUnsignedLong(s.rcvNxt());
    for (int i = 0; i < 256; i++) {
      TcpSegment seg = TcpSegment.of(CLIENT, SERVER, c.localPort(), 80, (rcvNxt + 1 + i) & 0xFFFFFFFFL, 5001, ACK, 65535,
          new byte[0], new byte[60_000]);
      net.server.receive(CLIENT, SERVER, seg);
    }
    Field f = TcpConnection.class.getDeclaredField("outOfOrder");
    f.setAccessible(true);
    Field p = Reassembly.class.getDeclaredField("pieces");
    p.setAccessible(true);
    TreeMap<?, ?> pieces = (TreeMap<?, ?>) p.get(f.get(s));
    long bytes = pieces.values().stream().mapToLong(x -> ((Reassembly.Piece) x).data().length).sum();
    assertTrue(bytes <= 65535, "held " + bytes + " bytes out of order for a 65535-byte window");
  }

  /** Zero window: after the first probe SND.MAX stays ahead, later timeouts send nothing and the connection dies. */
  @Test
  void aPeerThatKeepsItsWindowShutIsProbedNotTimedOut() {
    TcpSocket c = open();
    TcpConnection conn = (TcpConnection) c;
    // the server closes its window
    net.client.receive(SERVER, CLIENT, TcpSegment.of(SERVER, CLIENT, 80, c.localPort(), 5001,
        1001, ACK, 0, new byte[0], new byte[0]));
    c.write(new byte[1000]);
    net.wire.clear();
    // a peer with a zero window answers every probe with ACK(win 0), acking nothing
    net.drop = s -> {
      if (s.source().equals(CLIENT) && s.segment().payload().length > 0) {
        net.client.receive(SERVER, CLIENT, TcpSegment.of(SERVER, CLIENT, 80, c.localPort(), 5001,
            1001, ACK, 0, new byte[0], new byte[0]));
      }
      return true;
    };
    net.advance(Duration.ofMinutes(30));
    assertTrue(c.state() != TcpState.CLOSED, client.events.toString());
  }
}
