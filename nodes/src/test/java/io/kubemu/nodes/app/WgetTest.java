package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.dns.resolver.FakeDnsServer;
import io.kubemu.nodes.app.http.LoopbackPod;
import io.kubemu.nodes.pod.PodFiles;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** busybox wget against real servers in the same pod, over the real TCP engine. */
class WgetTest {
  private final LoopbackPod pod = new LoopbackPod();

  private FakeAppContext wget(String... args) {
    return new FakeAppContext(pod.stack, FakeAppContext.command("wget", args)).hostname("client-0").start(new Wget());
  }

  /** A DNS server in the pod itself: 127.0.0.1 is the nameserver a pod without resolv.conf asks, and ours is at 10.244.0.2. */
  private void dns() {
    new FakeAppContext(pod.stack, "coredns").start(new FakeDnsServer("cluster.local.")
        .record("web.default.svc.cluster.local. 30 IN A 10.244.0.2"));
  }

  private void echo(String text) {
    new FakeAppContext(pod.stack, "/http-echo", "-text=" + text, "-listen=:80").start(new HttpEcho());
  }

  /** A raw server: it remembers the request and answers with {@code reply}. */
  @Test
  void quietToStdoutPrintsOnlyTheBody() {
    echo("hello");
    FakeAppContext w = wget("-qO-", "http://10.244.0.2/");
    assertEquals(0, w.status());
    assertEquals("hello\n", w.stdout());
    assertEquals("", w.stderr());
    assertTrue(w.timers().isEmpty());
  }

  @Test
  void itsRequestIsBusyboxs() {
    LoopbackPod.Peer server = pod.serve(8080, p -> {
      p.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      p.socket.close();
    });
    wget("-q", "-O", "-", "-U", "probe/1", "--header", "X-Trace: 42", "10.244.0.2:8080/path?q=1");
    assertEquals("GET /path?q=1 HTTP/1.1\r\nHost: 10.244.0.2:8080\r\nUser-Agent: probe/1\r\nConnection: close\r\n"
        + "X-Trace: 42\r\n\r\n", server.text());
  }

  @Test
  void withoutQuietItTellsWhatItDoes() {
    echo("hi");
    FakeAppContext w = wget("-O", "-", "http://localhost/");
    assertEquals("hi\n", w.stdout());
    assertEquals("Connecting to localhost (127.0.0.1:80)\nwriting to stdout\n"
        + "-                    100% |*******************************|     3  0:00:00 ETA\nwritten to stdout\n", w.stderr());
    FakeAppContext file = wget("http://client-0/index.html");
    assertEquals("", file.stdout(), "no file system: the download is dropped");
    assertTrue(file.stderr().startsWith("Connecting to client-0 (10.244.0.2:80)\nsaving to 'index.html'\n"
        + "index.html           100% |"), file.stderr());
    assertTrue(file.stderr().endsWith("'index.html' saved\n"), file.stderr());
  }

  @Test
  void serverResponseAndSpider() {
    echo("x");
    FakeAppContext s = wget("-S", "--spider", "http://10.244.0.2/");
    assertEquals(0, s.status());
    assertEquals("", s.stdout());
    assertTrue(s.stderr().startsWith("Connecting to 10.244.0.2 (10.244.0.2:80)\n  HTTP/1.1 200 OK\n"
        + "  X-App-Name: http-echo\n  X-App-Version: 1.0.0\n  Date: "), s.stderr());
    assertTrue(s.stderr().endsWith("  Content-Type: text/plain; charset=utf-8\n  Connection: close\nremote file exists\n"),
        s.stderr());
  }

  @Test
  void anErrorStatusIsReportedWithItsLine() {
    new FakeAppContext(pod.stack, "nginx").start(new WebServer(new NginxSite(), 80));
    FakeAppContext w = wget("-q", "-O-", "http://10.244.0.2/missing");
    assertEquals(1, w.status());
    assertEquals("wget: server returned error: HTTP/1.1 404 Not Found\n", w.stderr());
    assertEquals("", w.stdout());
  }

  @Test
  void redirectsAreFollowed() {
    new FakeAppContext(pod.stack, "/agnhost", "netexec", "--http-port=80").start(new Agnhost());
    pod.serve(81, p -> {
      p.send("HTTP/1.1 302 Found\r\nLocation: http://10.244.0.2/hostname\r\nContent-Length: 0\r\n\r\n");
      p.socket.close();
    });
    FakeAppContext w = wget("-qO-", "http://10.244.0.2:81/old");
    assertEquals(0, w.status(), w.stderr());
    assertEquals("fake", w.stdout());
  }

  @Test
  void networkFailuresSpeakBusybox() {
    FakeAppContext refused = wget("-qO-", "http://10.244.0.2:81/");
    assertEquals(1, refused.status());
    assertEquals("wget: can't connect to remote host (10.244.0.2): Connection refused\n", refused.stderr());

    dns();
    FakeAppContext unknown = wget("-qO-", "http://web.default.svc:8080/");
    assertEquals(1, unknown.status());
    assertEquals("wget: bad address 'web.default.svc:8080'\n", unknown.stderr(), "NXDOMAIN");

    pod.serve(82, p -> p.socket.close());
    assertEquals("wget: error getting response\n", wget("-qO-", "http://10.244.0.2:82/").stderr());
    pod.serve(83, p -> p.socket.abort());
    assertEquals("wget: error getting response: Connection reset by peer\n", wget("-qO-", "10.244.0.2:83").stderr());
    pod.serve(84, p -> {
      p.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
      p.socket.close();
    });
    assertEquals("wget: connection closed prematurely\n", wget("-qO-", "10.244.0.2:84").stderr());
  }

  @Test
  void theTimeoutCountsFromTheLastProgress() {
    FakeAppContext w = wget("-q", "-T", "5", "http://" + LoopbackPod.SILENT + "/");
    assertEquals(Duration.ofSeconds(5), w.timers().get("timeout"));
    assertNull(w.status());
    assertTrue(w.fire("timeout"));
    assertEquals(1, w.status());
    assertEquals("wget: download timed out\n", w.stderr());
    assertEquals(0, pod.stack.tcp().connectionCount(), "the SYN-SENT socket is gone");

    pod.serve(85, p -> p.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsome"));
    FakeAppContext slow = wget("-qO-", "http://10.244.0.2:85/");
    assertEquals(Duration.ofSeconds(900), slow.timers().get("timeout"), "busybox's default");
    assertTrue(slow.fire("timeout"));
    assertNull(slow.status(), "bytes came since the timer was set");
    assertTrue(slow.fire("timeout"));
    assertEquals("wget: download timed out\n", slow.stderr());
  }

  @Test
  void postDataIsAFormPost() {
    LoopbackPod.Peer server = pod.serve(80, p -> {
      p.send("HTTP/1.1 204 No Content\r\n\r\n");
      p.socket.close();
    });
    FakeAppContext w = wget("-q", "--post-data", "a=1&b=2", "-O", "/dev/null", "http://10.244.0.2/form");
    assertEquals(0, w.status());
    assertTrue(server.text().startsWith("POST /form HTTP/1.1\r\n"), server.text());
    assertTrue(server.text().endsWith("Connection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: 7\r\n\r\na=1&b=2"), server.text());
  }

  @Test
  void badCommandLinesShowUsage() {
    FakeAppContext none = wget();
    assertEquals(1, none.status());
    assertTrue(none.stderr().startsWith("BusyBox v1.36.1"), none.stderr());
    FakeAppContext bad = wget("-Z", "http://x/");
    assertTrue(bad.stderr().startsWith("wget: invalid option -- 'Z'\nBusyBox"), bad.stderr());
    FakeAppContext number = wget("-T", "soon", "http://x/");
    assertEquals("wget: invalid number 'soon'\n", number.stderr());
    assertEquals("wget: not an http or ftp url: gopher://x/\n", wget("gopher://x/").stderr());
  }

  @Test
  void namesResolveThroughTheSearchList() {
    dns();
    echo("found by name");
    FakeAppContext w = new FakeAppContext(pod.stack, "wget", "-O-", "http://web/")
        .file(PodFiles.RESOLV_CONF, FakeDnsServer.clusterFirst("10.244.0.2")).start(new Wget());
    assertEquals(0, w.status(), w.stderr());
    assertEquals("found by name\n", w.stdout());
    assertTrue(w.stderr().startsWith("Connecting to web (10.244.0.2:80)\n"), w.stderr());
  }

  @Test
  void aNameNoServerAnswersIsABadAddressOnceTheResolverGivesUp() {
    FakeAppContext w = wget("-qO-", "http://web/");
    assertNull(w.status(), "musl waits for 127.0.0.1, where nothing listens");
    assertTrue(w.fire("resolver-1"));
    assertTrue(w.fire("resolver-2"));
    assertEquals(1, w.status());
    assertEquals("wget: bad address 'web'\n", w.stderr());
  }
}
