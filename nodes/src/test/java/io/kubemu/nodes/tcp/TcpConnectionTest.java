package io.kubemu.nodes.tcp;

import static io.kubemu.nodes.tcp.TcpPair.CLIENT;
import static io.kubemu.nodes.tcp.TcpPair.SERVER;
import static io.kubemu.protocols.tcp.TcpSegment.ACK;
import static io.kubemu.protocols.tcp.TcpSegment.FIN;
import static io.kubemu.protocols.tcp.TcpSegment.RST;
import static io.kubemu.protocols.tcp.TcpSegment.SYN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.tcp.TcpOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connections between two endpoints over a wire the test controls: RFC 9293's states, on a manual clock. */
class TcpConnectionTest {
  private final TcpPair net = new TcpPair();
  private final Recorder server = new Recorder();
  private final Recorder client = new Recorder();

  private TcpSocket open() {
    net.server.listen(80, 128, s -> server);
    TcpSocket s = net.client.connect(SERVER, 80, client);
    net.deliver();
    return s;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theThreeWayHandshakeCarriesIsnsAndMss() {
    TcpSocket socket = open();
    assertEquals(TcpState.ESTABLISHED, socket.state());
    assertEquals(List.of("connected"), client.events);
    assertEquals(List.of("connected"), server.events);
    List<TcpPair.Sent> log = net.log;
    assertEquals(3, log.size());
    assertEquals(SYN, log.get(0).segment().flags());
    assertEquals(1000, log.get(0).segment().sequence());
    assertEquals(List.of(TcpOption.mss(1410)), TcpOption.parse(log.get(0).segment().options()));
    assertEquals(SYN | ACK, log.get(1).segment().flags());
    assertEquals(5000, log.get(1).segment().sequence());
    assertEquals(1001, log.get(1).segment().acknowledgment());
    assertEquals(ACK, log.get(2).segment().flags());
    assertEquals(5001, log.get(2).segment().acknowledgment());
    assertEquals(CLIENT, server.socket.remoteAddress());
    assertEquals(socket.localPort(), server.socket.remotePort());
    assertTrue(socket.localPort() >= 32768 && socket.localPort() <= 60999, "an ephemeral port: " + socket.localPort());
  }

  @Test
  void dataFlowsBothWaysAndAReplyCarriesTheAck() {
    TcpSocket socket = open();
    net.log.clear();
    socket.write(bytes("GET / HTTP/1.1\r\n\r\n"));
    net.server.listen(81, 1, s -> null); // unrelated listener: no effect
    server.socket.handler(new Recorder() {
      @Override
      public void onData(TcpSocket s, byte[] data) {
        server.received.writeBytes(data);
        s.write(bytes("HTTP/1.1 200 OK\r\n\r\n"));
      }
    });
    net.deliver();
    assertEquals("GET / HTTP/1.1\r\n\r\n", server.text());
    assertEquals("HTTP/1.1 200 OK\r\n\r\n", client.text());
    // request, response with the ACK piggybacked, the client's ACK: three segments, not four
    assertEquals(3, net.log.size(), net.log.toString());
    assertEquals(List.of("connected", "drained"), client.events);
  }

  @Test
  void anOrderlyCloseEndsInTimeWaitOnTheSideThatClosedFirst() {
    TcpSocket socket = open();
    socket.write(bytes("bye"));
    socket.shutdownOutput();
    assertEquals(TcpState.FIN_WAIT_1, socket.state());
    net.deliver();
    assertEquals(TcpState.FIN_WAIT_2, socket.state());
    assertEquals(TcpState.CLOSE_WAIT, server.socket.state());
    assertEquals(List.of("connected", "eof"), server.events);
    assertEquals("bye", server.text());
    server.socket.close();
    assertEquals(TcpState.LAST_ACK, server.socket.state());
    net.deliver();
    assertEquals(TcpState.CLOSED, server.socket.state());
    assertEquals(TcpState.TIME_WAIT, socket.state());
    assertEquals(List.of("connected", "drained", "eof", "closed"), client.events);
    net.advance(Duration.ofSeconds(59));
    assertEquals(TcpState.TIME_WAIT, socket.state());
    net.advance(Duration.ofSeconds(1));
    assertEquals(TcpState.CLOSED, socket.state());
    assertEquals(0, net.client.connectionCount());
    assertEquals(0, net.server.connectionCount());
  }

  @Test
  void simultaneousCloseGoesThroughClosingOnBothSides() {
    TcpSocket socket = open();
    socket.close();
    server.socket.close();
    assertEquals(TcpState.FIN_WAIT_1, socket.state());
    net.deliver();
    assertEquals(TcpState.TIME_WAIT, socket.state());
    assertEquals(TcpState.TIME_WAIT, server.socket.state());
  }

  @Test
  void aClosedPortAnswersRstAndConnectSaysRefused() {
    TcpSocket socket = net.client.connect(SERVER, 9, client);
    net.deliver();
    assertEquals(TcpState.CLOSED, socket.state());
    assertEquals("Connection refused", client.error);
    TcpPair.Sent rst = net.from(SERVER).get(0);
    assertEquals(RST | ACK, rst.segment().flags());
    assertEquals(1001, rst.segment().acknowledgment(), "SEG.SEQ + SEG.LEN of the SYN");
    assertEquals(0, net.client.connectionCount());
  }

  @Test
  void aSynNobodyAnswersIsRetriedSixTimesWithBackoffThenTimesOut() {
    net.drop = s -> true;
    net.client.connect(SERVER, 80, client);
    net.advance(Duration.ofSeconds(126));
    assertFalse(client.closed, "still trying at 126 s");
    net.advance(Duration.ofSeconds(2));
    assertEquals("Connection timed out", client.error);
    assertEquals(7, net.log.size(), "the SYN and six retries, at 0 1 3 7 15 31 63 s");
    assertTrue(net.log.stream().allMatch(s -> s.segment().flags() == SYN));
  }

  @Test
  void aLostSegmentIsRetransmittedAfterTheTimeout() {
    TcpSocket socket = open();
    int[] dataSeen = {0};
    net.drop = s -> s.source().equals(CLIENT) && s.segment().payload().length > 0 && dataSeen[0]++ == 0;
    socket.write(bytes("lost once"));
    net.deliver();
    assertEquals("", server.text());
    assertEquals(9, socket.unacknowledged());
    net.advance(Duration.ofMillis(1000));
    assertEquals("lost once", server.text());
    assertEquals(0, socket.unacknowledged());
    assertEquals(1, net.client.stats().retransmits());
  }

  @Test
  void threeDuplicateAcksRetransmitWithoutWaitingForTheTimer() {
    TcpSocket socket = open();
    boolean[] droppedFirst = {false};
    net.drop = s -> {
      if (s.source().equals(CLIENT) && s.segment().payload().length > 0 && !droppedFirst[0]) {
        droppedFirst[0] = true;
        return true;
      }
      return false;
    };
    byte[] data = new byte[1410 * 5];
    new java.util.Random(1).nextBytes(data);
    socket.write(data);
    net.deliver();
    assertArrayEquals(data, server.received.toByteArray(), "repaired by fast retransmit, no time passed");
    assertEquals(1, net.client.stats().retransmits());
  }

  @Test
  void anAbortSendsRstAndThePeerHearsReset() {
    TcpSocket socket = open();
    socket.abort();
    assertEquals(TcpState.CLOSED, socket.state());
    net.deliver();
    assertEquals("Connection reset by peer", server.error);
    assertFalse(client.closed, "the aborting program hears nothing more");
  }

  @Test
  void dataForASocketItsProgramClosedResetsTheConnection() {
    TcpSocket socket = open();
    server.socket.close();
    net.deliver();
    socket.write(bytes("late"));
    net.deliver();
    assertEquals("Connection reset by peer", client.error);
    assertEquals(0, net.server.connectionCount());
  }

  @Test
  void anInWindowRstThatIsNotExactGetsAChallengeAck() {
    TcpSocket socket = open();
    net.log.clear();
    net.client.receive(SERVER, CLIENT, io.kubemu.protocols.tcp.TcpSegment.of(SERVER, CLIENT, 80, socket.localPort(),
        5001 + 100, 0, RST, 0, new byte[0], new byte[0]));
    assertEquals(TcpState.ESTABLISHED, socket.state());
    assertEquals(ACK, net.log.get(0).segment().flags());
    assertEquals(5001, net.log.get(0).segment().acknowledgment());
  }

  @Test
  void sequenceNumbersWrapAroundZero() {
    TcpPair wrapping = new TcpPair(TcpConfig.LINUX, -2000, -100);
    Recorder s = new Recorder();
    wrapping.server.listen(80, 8, x -> s);
    TcpSocket socket = wrapping.client.connect(SERVER, 80, new Recorder());
    wrapping.deliver();
    byte[] data = new byte[10_000];
    new java.util.Random(2).nextBytes(data);
    socket.write(data);
    socket.close();
    wrapping.deliver();
    assertArrayEquals(data, s.received.toByteArray());
    assertEquals(List.of("connected", "eof"), s.events);
  }

  @Test
  void theBacklogBoundsHalfOpenConnectionsAndDropsAreCounted() {
    net.server.listen(80, 1, s -> server);
    net.drop = s -> s.source().equals(SERVER); // SYN-ACKs never arrive: both stay half open
    net.client.connect(SERVER, 80, new Recorder());
    net.client.connect(SERVER, 80, new Recorder());
    net.deliver();
    assertEquals(1, net.server.connectionCount());
    assertEquals(1, net.server.stats().listenDrops());
  }

  @Test
  void closingAListenerResetsWhatItHasNotAccepted() {
    TcpEndpoints.Listener l = net.server.listen(80, 8, s -> server);
    net.drop = s -> s.source().equals(SERVER);
    net.client.connect(SERVER, 80, client);
    net.deliver();
    net.drop = s -> false;
    l.close();
    net.deliver();
    assertEquals("Connection refused", client.error);
    assertNotNull(net.server.listen(80, 8, s -> server), "the port is free again");
  }

  @Test
  void aPeerWithoutAnMssOptionGetsSegmentsOf536Bytes() {
    net.client.listen(7000, 8, s -> client);
    net.server.receive(CLIENT, SERVER, io.kubemu.protocols.tcp.TcpSegment.of(CLIENT, SERVER, 7001, 9, 1, 0, SYN, 1000,
        new byte[0], new byte[0]));
    assertEquals(RST | ACK, net.log.get(0).segment().flags(), "port 9 is closed");
    net.server.listen(80, 8, s -> server);
    net.log.clear();
    net.server.receive(CLIENT, SERVER, io.kubemu.protocols.tcp.TcpSegment.of(CLIENT, SERVER, 7001, 80, 1, 0, SYN, 65535,
        new byte[0], new byte[0]));
    net.server.receive(CLIENT, SERVER, io.kubemu.protocols.tcp.TcpSegment.of(CLIENT, SERVER, 7001, 80, 2, 5001, ACK, 65535,
        new byte[0], new byte[0]));
    net.log.clear();
    server.socket.write(new byte[2000]);
    assertEquals(List.of(536, 536, 536, 392), net.log.stream().map(s -> s.segment().payload().length).toList());
    assertTrue(net.log.stream().noneMatch(s -> s.has(FIN)));
  }
}
