package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.dns.resolver.FakeDnsServer;
import io.kubemu.nodes.app.dns.resolver.Libc;
import io.kubemu.nodes.app.http.LoopbackPod;
import io.kubemu.nodes.pod.PodFiles;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** curl against real servers in the same pod, over the real TCP engine. */
class CurlTest {
  private static final String METER = "(?s)  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
      + "                                 Dload  Upload   Total   Spent    Left  Speed\n.*";
  private final LoopbackPod pod = new LoopbackPod();

  private FakeAppContext curl(String... args) {
    return new FakeAppContext(pod.stack, FakeAppContext.command("curl", args)).hostname("client-0").start(new Curl());
  }

  /** A DNS server in the pod itself: 127.0.0.1, what a pod without resolv.conf asks, and 10.244.0.2. */
  private void dns() {
    new FakeAppContext(pod.stack, "coredns").start(new FakeDnsServer("cluster.local.")
        .record("web.default.svc.cluster.local. 30 IN A 10.244.0.2")
        .record("elsewhere.default.svc.cluster.local. 30 IN A 10.244.9.9"));
  }

  private FakeAppContext curlIn(Curl curl, String... args) {
    return new FakeAppContext(pod.stack, FakeAppContext.command("curl", args)).hostname("client-0")
        .file(PodFiles.RESOLV_CONF, FakeDnsServer.clusterFirst("10.244.0.2")).start(curl);
  }

  private void nginx() {
    new FakeAppContext(pod.stack, "nginx").hostname("web-0").start(new WebServer(new NginxSite(), 80));
  }

  @Test
  void silentPrintsTheBodyOnly() {
    nginx();
    FakeAppContext c = curl("-s", "http://10.244.0.2/");
    assertEquals(0, c.status());
    assertTrue(c.stdout().contains("<p>Served by pod web-0 (10.244.0.2).</p>"), c.stdout());
    assertEquals("", c.stderr());
  }

  @Test
  void itsRequestIsCurls() {
    LoopbackPod.Peer server = pod.answer(8080, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    curl("-s", "10.244.0.2:8080/x");
    assertEquals("GET /x HTTP/1.1\r\nHost: 10.244.0.2:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n", server.text());
    LoopbackPod.Peer post = pod.answer(8081, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
    curl("-s", "-X", "PUT", "-H", "Accept: text/plain", "-H", "X-Empty;", "-H", "User-Agent:", "-d", "a=1", "-d", "b=2",
        "http://localhost:8081/items");
    assertEquals("PUT /items HTTP/1.1\r\nHost: localhost:8081\r\nAccept: text/plain\r\nX-Empty: \r\n"
        + "Content-Length: 7\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=1&b=2", post.text());
  }

  @Test
  void withoutSilentTheMeterShows() {
    pod.answer(80, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
    FakeAppContext c = curl("http://10.244.0.2/");
    assertEquals("hello", c.stdout());
    assertTrue(c.stderr().matches(METER + "100     5  100     5    0     0 .*\n"), c.stderr());
  }

  @Test
  void includeHeadAndVerbose() {
    pod.answer(8080, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
    assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok",
        curl("-si", "10.244.0.2:8080").stdout());
    nginx();
    FakeAppContext head = curl("-sI", "http://10.244.0.2/");
    assertTrue(head.stdout().startsWith("HTTP/1.1 200 OK\r\nServer: nginx\r\n"), head.stdout());
    assertTrue(head.stdout().endsWith("Accept-Ranges: bytes\r\n\r\n"), head.stdout());
    FakeAppContext v = curl("-sv", "-o", "/dev/null", "http://client-0/");
    assertEquals("", v.stdout());
    assertTrue(v.stderr().startsWith("*   Trying 10.244.0.2:80...\n* Connected to client-0 (10.244.0.2) port 80\n"
        + "> GET / HTTP/1.1\n> Host: client-0\n> User-Agent: curl/8.5.0\n> Accept: */*\n> \n< HTTP/1.1 200 OK\n"
        + "< Server: nginx\n"), v.stderr());
    assertTrue(v.stderr().endsWith("< \n* Connection #0 to host client-0 left intact\n"), v.stderr());
  }

  @Test
  void writeOutFillsItsVariables() {
    nginx();
    FakeAppContext c = curl("-s", "-o", "/dev/null", "-w", "%{http_code} %{remote_ip}:%{remote_port} %{content_type}\\n",
        "http://10.244.0.2/missing");
    assertEquals("404 10.244.0.2:80 text/html\n", c.stdout());
    assertEquals(0, c.status(), "without -f a 404 is a success");
    FakeAppContext refused = curl("-s", "-w", "%{http_code}", "http://10.244.0.2:81/");
    assertEquals("000", refused.stdout());
    assertEquals(7, refused.status());
  }

  @Test
  void failTurnsErrorsIntoExit22() {
    nginx();
    FakeAppContext c = curl("-sSf", "http://10.244.0.2/missing");
    assertEquals(22, c.status());
    assertEquals("", c.stdout());
    assertEquals("curl: (22) The requested URL returned error: 404\n", c.stderr());
  }

  @Test
  void connectionFailuresSpeakCurl() {
    FakeAppContext refused = curl("-sS", "http://10.244.0.2:81/");
    assertTrue(refused.stderr().matches("curl: \\(7\\) Failed to connect to 10\\.244\\.0\\.2 port 81 after \\d+ ms: "
        + "Couldn't connect to server\n"), refused.stderr());
    dns();
    FakeAppContext unknown = curl("-sS", "http://web.default.svc/");
    assertEquals(6, unknown.status());
    assertEquals("curl: (6) Could not resolve host: web.default.svc\n", unknown.stderr());
    FakeAppContext quiet = curl("-s", "http://10.244.0.2:81/");
    assertEquals(7, quiet.status());
    assertEquals("", quiet.stderr(), "-s without -S hides the error");
    pod.answer(82, "");
    assertEquals("curl: (52) Empty reply from server\n", curl("-sS", "10.244.0.2:82").stderr());
    pod.serve(83, p -> p.socket.abort());
    assertEquals("curl: (56) Recv failure: Connection reset by peer\n", curl("-sS", "10.244.0.2:83").stderr());
    pod.answer(84, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort");
    assertEquals("curl: (18) transfer closed with outstanding read data remaining\n", curl("-sS", "10.244.0.2:84").stderr());
    pod.answer(85, "SSH-2.0-OpenSSH_9.6\r\n");
    assertEquals("curl: (8) Weird server reply\n", curl("-sS", "10.244.0.2:85").stderr());
    assertEquals("curl: (1) Protocol \"ftp\" not supported\n", curl("-sS", "ftp://10.244.0.2/").stderr());
    pod.answer(443, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
    FakeAppContext plainOnTls = curl("-sS", "https://10.244.0.2/");
    assertEquals(35, plainOnTls.status(), "a server that answers a ClientHello with plain HTTP: " + plainOnTls.stderr());
    assertTrue(plainOnTls.stderr().startsWith("curl: (35) OpenSSL SSL_connect: "), plainOnTls.stderr());
  }

  @Test
  void timeoutsAreExit28() {
    FakeAppContext connect = curl("-sS", "--connect-timeout", "2", "http://" + LoopbackPod.SILENT + "/");
    assertEquals(Duration.ofSeconds(2), connect.timers().get("connect-timeout"));
    assertTrue(connect.fire("connect-timeout"));
    assertEquals(28, connect.status());
    assertTrue(connect.stderr().matches("curl: \\(28\\) Failed to connect to 10\\.244\\.1\\.9 port 80 after \\d+ ms: "
        + "Timeout was reached\n"), connect.stderr());

    FakeAppContext max = curl("-sS", "-m", "1.5", "http://" + LoopbackPod.SILENT + "/");
    assertEquals(Duration.ofMillis(1500), max.timers().get("max-time"));
    max.fire("max-time");
    assertTrue(max.stderr().matches("curl: \\(28\\) Connection timed out after \\d+ milliseconds\n"), max.stderr());

    pod.serve(80, p -> p.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsome"));
    FakeAppContext slow = curl("-sS", "-m", "3", "http://10.244.0.2/");
    assertNull(slow.status());
    slow.fire("max-time");
    assertTrue(slow.stderr().matches("curl: \\(28\\) Operation timed out after \\d+ milliseconds with 4 out of 100 bytes "
        + "received\n"),
        slow.stderr());
    assertEquals(0, pod.stack.tcp().connectionCount(), "curl's reset took the server's socket too: "
        + pod.stack.tcp().show());
  }

  @Test
  void locationIsFollowedWithL() {
    pod.answer(81, "HTTP/1.1 301 Moved Permanently\r\nLocation: http://10.244.0.2:82/new\r\nContent-Length: 0\r\n\r\n");
    pod.answer(82, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnew");
    assertEquals("", curl("-s", "http://10.244.0.2:81/old").stdout(), "not followed without -L");
    FakeAppContext c = curl("-sL", "-m", "5", "-w", " %{url_effective}", "http://10.244.0.2:81/old");
    assertEquals("new http://10.244.0.2:82/new", c.stdout());
    assertEquals(0, c.status());
    pod.answer(83, "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n");
    FakeAppContext loop = curl("-sSL", "--max-redirs", "3", "http://10.244.0.2:83/");
    assertEquals(47, loop.status());
    assertEquals("curl: (47) Maximum (3) redirects followed\n", loop.stderr());
    assertTrue(loop.timers().isEmpty());
  }

  @Test
  void badCommandLinesExit2() {
    FakeAppContext unknown = curl("--frobnicate", "http://x/");
    assertEquals(2, unknown.status());
    assertEquals("curl: option --frobnicate: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
        unknown.stderr());
    assertEquals("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
        curl("-s").stderr());
    assertEquals("curl: option -m: expected a proper numerical parameter\n"
        + "curl: try 'curl --help' or 'curl --manual' for more information\n", curl("-m", "x", "http://x/").stderr());
    assertEquals("curl: option -o: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
        curl("http://x/", "-o").stderr());
  }

  @Test
  void theCurlImageRunsCurlHoweverThePodSaysIt() {
    nginx();
    Images.Image image = Images.find("curlimages/curl:8.5.0").orElseThrow();
    for (String[] argv : new String[][] {{"/entrypoint.sh", "-s", "http://10.244.0.2/"},
        {"/entrypoint.sh", "curl", "-s", "http://10.244.0.2/"}, {"/entrypoint.sh", "http://10.244.0.2/"}}) {
      FakeAppContext c = new FakeAppContext(pod.stack, argv).start(image.program(argv[0]).orElseThrow());
      assertEquals(0, c.status(), String.join(" ", argv));
      assertTrue(c.stdout().contains("Welcome to nginx!"), String.join(" ", argv));
    }
    FakeAppContext sleep = new FakeAppContext(pod.stack, "/entrypoint.sh", "sleep", "infinity")
        .start(image.program("/entrypoint.sh").orElseThrow());
    assertNull(sleep.status());
    FakeAppContext bare = new FakeAppContext(pod.stack, "/entrypoint.sh").start(image.program("/entrypoint.sh").orElseThrow());
    assertEquals(2, bare.status(), "the CMD alone: curl without a URL");
  }

  @Test
  void namesResolveThroughTheClusterDnsAndResolveComesFirst() {
    dns();
    nginx();
    for (Libc libc : Libc.values()) {
      FakeAppContext c = curlIn(new Curl(libc), "-s", "-w", "%{remote_ip}", "-o", "/dev/null", "http://web/");
      assertEquals(0, c.status(), c.stderr());
      assertEquals("10.244.0.2", c.stdout(), libc.name());
    }
    FakeAppContext pinned = curlIn(new Curl(), "-s", "--resolve", "elsewhere:80:10.244.0.2", "-w", "%{remote_ip}", "-o",
        "/dev/null", "http://elsewhere/");
    assertEquals("10.244.0.2", pinned.stdout(), "--resolve wins over the DNS answer 10.244.9.9");
  }

  @Test
  void runningOutOfTimeWhileResolvingIsExit28() {
    FakeAppContext c = curl("-sS", "-m", "3", "http://web/");
    assertNull(c.status(), "musl waits for 127.0.0.1, where nothing listens");
    assertTrue(c.fire("max-time"));
    assertEquals(28, c.status());
    assertTrue(c.stderr().matches("curl: \\(28\\) Resolving timed out after \\d+ milliseconds\n"), c.stderr());
    FakeAppContext noAnswer = curl("-sS", "http://web/");
    assertTrue(noAnswer.fire("resolver-1"));
    assertTrue(noAnswer.fire("resolver-2"));
    assertEquals(6, noAnswer.status());
    assertEquals("curl: (6) Could not resolve host: web\n", noAnswer.stderr(), "no answer in time is no address either");
  }
}
