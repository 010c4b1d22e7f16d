package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.dns.resolver.FakeDnsServer;
import io.kubemu.nodes.app.http.LoopbackPod;
import io.kubemu.nodes.pod.PodFiles;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** busybox nc over the real TCP engine, and still over UDP. */
class NetcatTest {
  private final LoopbackPod pod = new LoopbackPod();

  private FakeAppContext nc(String stdin, String... args) {
    return new FakeAppContext(pod.stack, FakeAppContext.command("nc", args)).stdin(stdin).hostname("client-0")
        .start(new Netcat());
  }

  @Test
  void aClientSendsStdinAndPrintsTheAnswerUntilThePeerCloses() {
    new FakeAppContext(pod.stack, "/http-echo", "-text=over nc", "-listen=:80").start(new HttpEcho());
    FakeAppContext c = nc("GET / HTTP/1.0\r\n\r\n", "10.244.0.2", "80");
    assertEquals(0, c.status());
    assertTrue(c.stdout().startsWith("HTTP/1.1 200 OK\r\n"), c.stdout());
    assertTrue(c.stdout().endsWith("\r\n\r\nover nc\n"), c.stdout());
    assertEquals("", c.stderr());
  }

  @Test
  void stdinEndsWithAHalfCloseAndTheAnswerStillArrives() {
    LoopbackPod.Peer server = pod.serve(7000, p -> { });
    FakeAppContext c = nc("ping\n", "localhost", "7000");
    assertEquals("ping\n", server.text());
    assertNull(c.status(), "the peer has not closed yet");
    server.send("pong\n");
    server.socket.close();
    assertEquals("pong\n", c.stdout());
    assertEquals(0, c.status());
  }

  @Test
  void zeroIoScanSaysOpenOrStaysQuietOnARefusal() {
    pod.serve(80, p -> { });
    FakeAppContext open = nc("", "-zv", "client-0", "80");
    assertEquals(0, open.status());
    assertEquals("client-0 (10.244.0.2:80) open\n", open.stderr());
    FakeAppContext refused = nc("", "-z", "-v", "10.244.0.2", "81");
    assertEquals(1, refused.status());
    assertEquals("", refused.stderr(), "busybox hides refusals at one -v");
    assertEquals("nc: 10.244.0.2 (10.244.0.2:81): Connection refused\n", nc("", "-zvv", "10.244.0.2", "81").stderr());
  }

  @Test
  void waitBoundsTheConnectAndTheSilence() {
    FakeAppContext silent = nc("", "-zv", "-w", "2", LoopbackPod.SILENT.toString(), "80");
    assertEquals(Duration.ofSeconds(2), silent.timers().get("connect"));
    assertTrue(silent.fire("connect"));
    assertEquals(1, silent.status());
    assertEquals("nc: 10.244.1.9 (10.244.1.9:80): Connection timed out\n", silent.stderr());
    assertEquals(0, pod.stack.tcp().connectionCount());

    pod.serve(9000, p -> { });
    FakeAppContext idle = nc("hi", "-w", "1", "10.244.0.2", "9000");
    assertEquals(Duration.ofSeconds(1), idle.timers().get("idle"));
    assertTrue(idle.fire("idle"));
    assertEquals(0, idle.status());
  }

  @Test
  void listenTakesOneConnection() {
    FakeAppContext server = nc("welcome\n", "-lv", "-p", "9000");
    assertEquals("listening on 0.0.0.0:9000 ...\n", server.stderr());
    LoopbackPod.Peer client = pod.connect(9000);
    assertTrue(server.stderr().matches("(?s).*connect to 10\\.244\\.0\\.2:9000 from 10\\.244\\.0\\.2:\\d+ .*"),
        server.stderr());
    assertEquals("welcome\n", client.text());
    assertTrue(client.endOfStream, "stdin done: nc shut down its side");
    LoopbackPod.Peer second = pod.connect(9000);
    assertEquals("Connection reset by peer", second.closed);
    client.send("from the client");
    client.socket.close();
    assertEquals("from the client", server.stdout());
    assertEquals(0, server.status());
    assertEquals("nc: bind: Address in use\n", twoListeners());
  }

  private String twoListeners() {
    nc("", "-l", "-p", "9100");
    return nc("", "-l", "-p", "9100").stderr();
  }

  @Test
  void udpStillWorks() {
    new FakeAppContext(pod.stack, "udp-echo").start(new UdpEcho());
    FakeAppContext c = nc("hello udp", "-u", "-w", "1", "127.0.0.1", "7");
    assertEquals("hello udp", c.stdout());
    assertTrue(c.fire("timeout"));
    assertEquals(0, c.status());
  }

  @Test
  void namesResolveThroughTheClusterDnsUnlessDashN() {
    new FakeAppContext(pod.stack, "coredns").start(new FakeDnsServer("cluster.local.")
        .record("web.default.svc.cluster.local. 30 IN A 10.244.0.2"));
    new FakeAppContext(pod.stack, "udp-echo").start(new UdpEcho());
    FakeAppContext tcp = new FakeAppContext(pod.stack, "nc", "-zv", "web", "53")
        .file(PodFiles.RESOLV_CONF, FakeDnsServer.clusterFirst("10.244.0.2")).start(new Netcat());
    assertEquals(0, tcp.status());
    assertEquals("web (10.244.0.2:53) open\n", tcp.stderr());
    FakeAppContext udp = new FakeAppContext(pod.stack, "nc", "-u", "web", "7").stdin("ping")
        .file(PodFiles.RESOLV_CONF, FakeDnsServer.clusterFirst("10.244.0.2")).start(new Netcat());
    assertEquals("ping", udp.stdout());
    FakeAppContext numeric = new FakeAppContext(pod.stack, "nc", "-n", "-zv", "web", "53")
        .file(PodFiles.RESOLV_CONF, FakeDnsServer.clusterFirst("10.244.0.2")).start(new Netcat());
    assertEquals(1, numeric.status());
    assertEquals("nc: bad address 'web'\n", numeric.stderr());
    assertEquals("nc: bad address 'nope'\n", nc("", "nope", "80").stderr(), "NXDOMAIN from the server at 127.0.0.1");
  }

  @Test
  void badCommandLines() {
    FakeAppContext missing = nc("", "10.0.0.1");
    assertEquals(1, missing.status());
    assertTrue(missing.stderr().startsWith("nc: HOST and PORT required\nBusyBox v1.36.1"), missing.stderr());
    assertTrue(nc("", "-Q", "10.0.0.1", "80").stderr().startsWith("nc: invalid option -- 'Q'\n"));
    assertTrue(nc("", "-l").stderr().startsWith("nc: -l needs -p PORT\n"));
  }
}
