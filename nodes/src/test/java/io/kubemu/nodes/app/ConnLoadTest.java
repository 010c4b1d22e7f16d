package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.http.GoHttp;
import io.kubemu.nodes.app.http.HttpServerConnection;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpLimits;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * conn-load between two pods wired back to back, frames queued between them: every connection it
 * completes is counted once, under the name the server answered with, and only inside the
 * measured interval; failures are counted by why, and a failed slot waits for the next tick.
 */
class ConnLoadTest {
  private final Deque<byte[]> toClient = new ArrayDeque<>();
  private final Deque<byte[]> toServer = new ArrayDeque<>();
  private final PodStack client = pod("client-0", 2, toServer);
  private final PodStack server = pod("web-0", 3, toClient);
  private int answered;

  private static PodStack pod(String name, int last, Deque<byte[]> wire) {
    return new PodStack("w1", "default/" + name, MacAddress.parse("02:00:00:00:00:0" + last),
        Ipv4Address.parse("10.244.0." + last), Ipv4Cidr.parse("10.244.0.0/24"), Ipv4Cidr.parse("10.244.0.0/16"),
        Ipv4Address.parse("10.244.0.1"), 1450, wire::add, new FakeTcpTimers(() -> 0L));
  }

  /** A server on port 80 that answers web-a, web-b, web-a, ... one request after another. */
  private void serveTwoNames() {
    server.tcp().listen(80, 128, s -> new HttpServerConnection(HttpLimits.DEFAULT,
        (request, socket) -> GoHttp.text(200, HttpHeaders.EMPTY, answered++ % 2 == 0 ? "web-a" : "web-b"),
        HttpServerConnection.PLAIN));
  }

  /** Carries at most {@code frames} frames: the client never stops by itself. */
  private void pump(int frames) {
    for (int i = 0; i < frames && (!toClient.isEmpty() || !toServer.isEmpty()); i++) {
      if (!toServer.isEmpty()) {
        server.receive(toServer.poll());
      }
      if (!toClient.isEmpty()) {
        client.receive(toClient.poll());
      }
    }
  }

  private FakeAppContext load(String... args) {
    return new FakeAppContext(client, FakeAppContext.command("conn-load", args)).start(new ConnLoad());
  }

  @Test
  void completedConnectionsAreCountedByTheAnsweringPod() {
    serveTwoNames();
    FakeAppContext load = load("--connections", "4", "--warmup", "0", "10.244.0.3");
    assertTrue(load.fire("warmup"));
    pump(4000);
    assertTrue(load.fire("end"));
    assertEquals(0, load.status(), load.stderr());
    ConnLoadReport r = ConnLoadReport.parse(load.stdout());
    assertTrue(r.completed() > 20, load.stdout());
    assertEquals(0, r.failed(), load.stdout());
    assertEquals(4, r.connections());
    assertEquals(r.completed(), r.endpoints().values().stream().mapToLong(Long::longValue).sum(), load.stdout());
    assertEquals(java.util.Set.of("web-a", "web-b"), r.endpoints().keySet(), load.stdout());
    // the server alternates per request, so the two names differ by at most one
    assertTrue(Math.abs(r.endpoints().get("web-a") - r.endpoints().get("web-b")) <= 1, load.stdout());
    // what the server answered and the client had not read yet was aborted at the end
    assertTrue(answered >= r.completed() && answered <= r.completed() + r.aborted(), answered + " answered; " + load.stdout());
  }

  @Test
  void connectionsBeforeTheWarmUpEndedAreNotCounted() {
    serveTwoNames();
    FakeAppContext load = load("--connections", "2", "--warmup", "5", "10.244.0.3");
    pump(500);
    assertTrue(answered > 0);
    assertTrue(load.fire("warmup"));
    assertTrue(load.fire("end"));
    ConnLoadReport r = ConnLoadReport.parse(load.stdout());
    assertEquals(0, r.completed(), load.stdout());
    assertEquals(Map.of(), r.endpoints());
  }

  @Test
  void refusedConnectionsAreCountedAndTheirSlotsWaitForTheNextTick() {
    FakeAppContext load = load("--connections", "3", "--warmup", "0", "10.244.0.3", "81");
    assertTrue(load.fire("warmup"));
    pump(100);
    assertTrue(load.fire("tick"));
    pump(100);
    assertTrue(load.fire("end"));
    ConnLoadReport r = ConnLoadReport.parse(load.stdout());
    assertEquals(0, r.completed(), load.stdout());
    assertEquals(Map.of("connect-connection-refused", 6L), r.failures(), load.stdout());
    assertEquals(0, r.aborted(), load.stdout());
  }

  @Test
  void aBodyThatIsNoHostnameIsCountedAsOther() {
    server.tcp().listen(80, 8, s -> new HttpServerConnection(HttpLimits.DEFAULT,
        (request, socket) -> GoHttp.text(200, HttpHeaders.EMPTY, "<html>hello</html>"), HttpServerConnection.PLAIN));
    FakeAppContext load = load("--connections", "1", "--warmup", "0", "10.244.0.3");
    load.fire("warmup");
    pump(200);
    load.fire("end");
    ConnLoadReport r = ConnLoadReport.parse(load.stdout());
    assertTrue(r.completed() > 0, load.stdout());
    assertEquals(java.util.Set.of(ConnLoad.OTHER), r.endpoints().keySet(), load.stdout());
  }

  @Test
  void badCommandLinesFailWithWhatWasExpected() {
    FakeAppContext noHost = load("--connections", "4");
    assertEquals(2, noHost.status());
    assertTrue(noHost.stderr().startsWith("conn-load: HOST and an optional PORT expected, got []\nUsage: conn-load "),
        noHost.stderr());
    assertTrue(load("--connections", "0", "10.0.0.1").stderr().contains("bad --connections: '0' (expected: 1..4096)"));
    assertTrue(load("web", "80").stderr().contains("bad HOST 'web' (expected: an IPv4 address)"));
    assertTrue(load("--path", "hostname", "10.0.0.1").stderr().contains("bad --path 'hostname' (expected: /, then"));
    assertTrue(load("--rate", "5", "10.0.0.1").stderr().contains("unknown option --rate"));
    assertTrue(load("10.0.0.1", "70000").stderr().contains("bad PORT: '70000' (expected: 1..65535)"));
  }
}
