package io.kubemu.emulator.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.emulator.controlplane.StoreTestKit;
import io.kubemu.nodes.bgp.OutboundTcp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay against real sockets on loopback: a server that echoes, closes or resets what connects to it. */
class OutboundTcpRelayIT {
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
  private ActorTestKit kit;
  private ActorRef<OutboundTcpRelay.Command> relay;
  private ActorRef<OutboundTcp.Command> front;
  private TestProbe<OutboundTcp.Event> node;
  private final List<AutoCloseable> servers = new ArrayList<>();

  @BeforeEach
  void start() {
    kit = StoreTestKit.create("OutboundTcpRelayIT");
    relay = kit.spawn(OutboundTcpRelay.create(CONNECT_TIMEOUT), "outbound-tcp");
    TestProbe<Receptionist.Listing> listings = kit.createTestProbe();
    kit.system().receptionist().tell(Receptionist.subscribe(OutboundTcp.KEY, listings.ref()));
    front = listings.fishForMessage(Duration.ofSeconds(5), l -> OutboundTcp.ownHost(l).isPresent()
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).stream()
        .map(OutboundTcp::ownHost).flatMap(Optional::stream).findFirst().orElseThrow();
    node = kit.createTestProbe();
  }

  @AfterEach
  void stop() throws Exception {
    kit.shutdownTestKit();
    for (AutoCloseable s : servers) {
      s.close();
    }
  }

  /** A server on a free port of 127.0.0.1 that treats each connection as {@code mode} says; it notes what it saw. */
  private static final class Server implements AutoCloseable {
    enum Mode { ECHO, COUNT, CLOSE, RESET }

    final ServerSocket socket;
    final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    Server(Mode mode) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      Thread t = new Thread(() -> serve(mode), "test-server");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void serve(Mode mode) {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          seen.add("from " + s.getInetAddress().getHostAddress());
          if (mode == Mode.RESET) {
            s.setSoLinger(true, 0);
          } else if (mode == Mode.ECHO) {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
              s.getOutputStream().write(buf, 0, n);
            }
            seen.add("end of stream");
          } else if (mode == Mode.COUNT) {
            seen.add("got " + s.getInputStream().readAllBytes().length + " bytes and the end of stream");
          }
        } catch (IOException e) {
          seen.add("error " + e.getMessage());
        }
      }
    }

    String next() throws InterruptedException {
      String s = seen.poll(5, TimeUnit.SECONDS);
      assertNotNull(s, "the server saw nothing more");
      return s;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private Server server(Server.Mode mode) throws IOException {
    Server s = new Server(mode);
    servers.add(s);
    return s;
  }

  private OutboundTcp.Opened open(long id, int port, String bindAddress) {
    front.tell(new OutboundTcp.Open(id, "127.0.0.1", port, bindAddress, node.ref()));
    return node.expectMessageClass(OutboundTcp.Opened.class);
  }

  @Test
  void bytesGoOutAndComeBackInOrderAndEachWriteIsAcknowledged() throws Exception {
    Server echo = server(Server.Mode.ECHO);
    OutboundTcp.Opened opened = open(1, echo.port(), null);
    assertEquals(new OutboundTcp.Opened(1, "127.0.0.1", opened.localPort()), opened);
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    int written = 0;
    for (int i = 0; i < 100; i++) {
      byte[] chunk = new byte[1500];
      Arrays.fill(chunk, (byte) i);
      front.tell(new OutboundTcp.Write(1, chunk));
      sent.writeBytes(chunk);
    }
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (got.size() < sent.size() || written < 100) {
      OutboundTcp.Event e = node.receiveMessage();
      if (e instanceof OutboundTcp.Written) {
        written++;
      } else {
        got.writeBytes(((OutboundTcp.Received) e).data());
      }
    }
    assertArrayEquals(sent.toByteArray(), got.toByteArray());
    front.tell(new OutboundTcp.Close(1));
    assertEquals(new OutboundTcp.Closed(1, null), node.expectMessageClass(OutboundTcp.Closed.class));
    assertEquals("from 127.0.0.1", echo.next());
    assertEquals("end of stream", echo.next());
    node.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void closeSendsTheWritesGivenBeforeItThenAFin() throws Exception {
    Server counting = server(Server.Mode.COUNT);
    open(11, counting.port(), null);
    for (int i = 0; i < 50; i++) {
      front.tell(new OutboundTcp.Write(11, new byte[1000]));
    }
    front.tell(new OutboundTcp.Close(11));
    front.tell(new OutboundTcp.Write(11, new byte[1000])); // after the Close: dropped
    for (int i = 0; i < 50; i++) {
      assertEquals(new OutboundTcp.Written(11), node.expectMessageClass(OutboundTcp.Written.class));
    }
    assertEquals(new OutboundTcp.Closed(11, null), node.expectMessageClass(OutboundTcp.Closed.class));
    assertEquals("from 127.0.0.1", counting.next());
    assertEquals("got 50000 bytes and the end of stream", counting.next());
  }

  @Test
  void aBindAddressIsTheSourceThePeerSees() throws Exception {
    Server echo = server(Server.Mode.ECHO);
    assertEquals("127.0.0.2", open(2, echo.port(), "127.0.0.2").localAddress());
    assertEquals("from 127.0.0.2", echo.next());
    front.tell(new OutboundTcp.Open(12, "127.0.0.1", echo.port(), "127.0.0.9", node.ref())); // waits: one at a time
    assertEquals("127.0.0.9", node.expectMessageClass(OutboundTcp.Opened.class).localAddress());
    front.tell(new OutboundTcp.Close(2));
    assertEquals(new OutboundTcp.Closed(2, null), node.expectMessageClass(OutboundTcp.Closed.class));
    assertEquals("end of stream", echo.next());
    assertEquals("from 127.0.0.9", echo.next());
  }

  @Test
  void aRefusedConnectionIsClosedWithTheReason() throws Exception {
    int port;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = gone.getLocalPort();
    }
    front.tell(new OutboundTcp.Open(3, "127.0.0.1", port, "127.0.0.3", node.ref()));
    OutboundTcp.Closed closed = node.expectMessageClass(OutboundTcp.Closed.class);
    assertEquals(3, closed.id());
    assertTrue(closed.error().contains("refused"), closed.error());
  }

  @Test
  void aConnectThatHangsTimesOut() throws Exception {
    // a server that accepts nothing, its backlog of one filled: Linux drops further SYNs, so connecting hangs
    ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    servers.add(silent);
    for (int i = 0; i < 2; i++) {
      Socket s = new Socket();
      servers.add(s);
      s.connect(new InetSocketAddress("127.0.0.1", silent.getLocalPort()), 200);
    }
    front.tell(new OutboundTcp.Open(4, "127.0.0.1", silent.getLocalPort(), null, node.ref()));
    OutboundTcp.Closed closed = node.expectMessageClass(OutboundTcp.Closed.class, Duration.ofSeconds(5));
    assertTrue(closed.error().toLowerCase().contains("timed out"), closed.error());
  }

  @Test
  void aPeerThatClosesEndsTheConnectionInOrder() throws Exception {
    Server closing = server(Server.Mode.CLOSE);
    open(5, closing.port(), null);
    assertEquals(new OutboundTcp.Closed(5, null), node.expectMessageClass(OutboundTcp.Closed.class));
  }

  @Test
  void aPeerThatResetsEndsTheConnectionWithTheReason() throws Exception {
    Server resetting = server(Server.Mode.RESET);
    front.tell(new OutboundTcp.Open(6, "127.0.0.1", resetting.port(), null, node.ref()));
    OutboundTcp.Event e = node.receiveMessage();
    if (e instanceof OutboundTcp.Opened) { // the reset may come before the connect is seen to finish, or after
      e = node.receiveMessage();
    }
    assertTrue(((OutboundTcp.Closed) e).error().contains("reset"), e.toString());
  }

  @Test
  void abortResetsTheConnectionAndSaysSo() throws Exception {
    Server echo = server(Server.Mode.ECHO);
    open(7, echo.port(), null);
    assertEquals("from 127.0.0.1", echo.next());
    front.tell(new OutboundTcp.Abort(7));
    assertEquals(new OutboundTcp.Closed(7, "aborted"), node.expectMessageClass(OutboundTcp.Closed.class));
    assertTrue(echo.next().contains("reset"), "the server saw a reset");
    front.tell(new OutboundTcp.Write(7, new byte[] {1}));
    node.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void unknownIdsAreIgnoredAndAnIdInUseIsRefused() throws Exception {
    front.tell(new OutboundTcp.Write(99, new byte[] {1}));
    front.tell(new OutboundTcp.Close(99));
    front.tell(new OutboundTcp.Abort(99));
    Server echo = server(Server.Mode.ECHO);
    open(8, echo.port(), null);
    TestProbe<OutboundTcp.Event> other = kit.createTestProbe();
    front.tell(new OutboundTcp.Open(8, "127.0.0.1", echo.port(), null, other.ref()));
    assertEquals(8, other.expectMessageClass(OutboundTcp.Closed.class).id());
    front.tell(new OutboundTcp.Write(8, new byte[] {42}));
    List<OutboundTcp.Event> events = node.receiveSeveralMessages(2); // the echo may overtake the Written
    assertTrue(events.contains(new OutboundTcp.Written(8)), events.toString());
    assertTrue(events.stream().anyMatch(e -> e instanceof OutboundTcp.Received r && Arrays.equals(r.data(), new byte[] {42})),
        events.toString());
  }

  @Test
  void stoppingTheRelayClosesEveryConnection() throws Exception {
    Server echo = server(Server.Mode.ECHO);
    open(9, echo.port(), null);
    open(10, echo.port(), "127.0.0.4");
    kit.stop(relay);
    List<OutboundTcp.Closed> closed = List.of(node.expectMessageClass(OutboundTcp.Closed.class),
        node.expectMessageClass(OutboundTcp.Closed.class));
    assertEquals(List.of("relay stopped", "relay stopped"), closed.stream().map(OutboundTcp.Closed::error).toList());
    List<String> seen = List.of(echo.next(), echo.next(), echo.next(), echo.next());
    assertEquals(2, seen.stream().filter(s -> s.equals("end of stream")).count(), seen.toString());
    assertNull(echo.seen.poll(200, TimeUnit.MILLISECONDS));
  }
}
