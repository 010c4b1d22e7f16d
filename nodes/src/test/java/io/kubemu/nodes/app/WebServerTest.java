package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.http.LoopbackPod;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpResponseParser;
import org.junit.jupiter.api.Test;

/** nginx and httpd as their images run, answering raw clients over the real TCP engine. */
class WebServerTest {
  private final LoopbackPod pod = new LoopbackPod();

  private FakeAppContext run(String image, String... argv) {
    App app = Images.find(image).orElseThrow().program(argv[0]).orElseThrow();
    return new FakeAppContext(pod.stack, argv).hostname("web-7d4f-x2").start(app);
  }

  private HttpResponse ask(int port, String method, String request) {
    LoopbackPod.Peer client = pod.connect(port);
    client.send(request);
    HttpResponseParser parser = new HttpResponseParser(method, HttpLimits.DEFAULT);
    parser.feed(client.received.toByteArray());
    return parser.next().orElseThrow();
  }

  private HttpResponse get(int port, String target) {
    return ask(port, "GET", "GET " + target + " HTTP/1.1\r\nHost: web\r\nUser-Agent: curl/8.5.0\r\n\r\n");
  }

  @Test
  void nginxServesItsWelcomePageNamingThePod() {
    FakeAppContext nginx = run("nginx", "/docker-entrypoint.sh");
    assertNull(nginx.status(), "a server keeps running");
    assertEquals("/docker-entrypoint.sh: Configuration complete; ready for start up\n", nginx.stdout());
    HttpResponse r = get(80, "/");
    assertEquals(200, r.status());
    assertEquals("nginx", r.headers().first("Server").orElseThrow());
    assertEquals("text/html", r.headers().first("Content-Type").orElseThrow());
    assertEquals("keep-alive", r.headers().first("Connection").orElseThrow());
    assertTrue(r.bodyText().contains("<title>Welcome to nginx!</title>"), r.bodyText());
    assertTrue(r.bodyText().contains("<p>Served by pod web-7d4f-x2 (10.244.0.2).</p>\n</body>"), r.bodyText());
    assertEquals(r.body().length, Integer.parseInt(r.headers().first("Content-Length").orElseThrow()));
    assertEquals(r.bodyText(), get(80, "/index.html?x=1").bodyText());
    assertTrue(nginx.stdout().matches("(?s).*\n10\\.244\\.0\\.2 - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] "
        + "\"GET / HTTP/1.1\" 200 " + r.body().length + " \"-\" \"curl/8.5.0\" \"-\"\n.*"), nginx.stdout());
  }

  @Test
  void nginxAnswersOtherPathsWithItsNotFoundPage() {
    run("nginx", "nginx", "-g", "daemon off;");
    HttpResponse r = get(80, "/nope");
    assertEquals("HTTP/1.1 404 Not Found", r.statusLine());
    assertEquals("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
        + "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", r.bodyText());
    HttpResponse post = ask(80, "POST", "POST / HTTP/1.1\r\nHost: web\r\nContent-Length: 2\r\n\r\nhi");
    assertEquals("HTTP/1.1 405 Not Allowed", post.statusLine());
  }

  @Test
  void headGetsTheHeadersOnly() {
    run("nginx", "/docker-entrypoint.sh");
    LoopbackPod.Peer client = pod.connect(80);
    client.send("HEAD / HTTP/1.1\r\nHost: web\r\n\r\n");
    String text = client.text();
    assertTrue(text.startsWith("HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: "), text);
    assertTrue(text.endsWith("\r\nAccept-Ranges: bytes\r\n\r\n"), "no body: " + text);
  }

  @Test
  void hostileClientsGetNginxErrorPagesAndAClose() {
    FakeAppContext nginx = run("nginx", "/docker-entrypoint.sh");
    LoopbackPod.Peer garbage = pod.connect(80);
    garbage.send("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\r\n\r\n");
    assertTrue(garbage.text().startsWith("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n"), garbage.text());
    assertTrue(garbage.text().contains("Connection: close\r\n"), garbage.text());
    assertTrue(garbage.endOfStream);
    LoopbackPod.Peer huge = pod.connect(80);
    huge.send("GET / HTTP/1.1\r\nHost: web\r\nCookie: " + "x".repeat(17_000) + "\r\n\r\n");
    assertTrue(huge.text().contains("<center>Request Header Or Cookie Too Large</center>"), huge.text());
    LoopbackPod.Peer endless = pod.connect(80);
    endless.send("POST / HTTP/1.1\r\nHost: web\r\nContent-Length: 5000000\r\n\r\n");
    assertTrue(endless.text().startsWith("HTTP/1.1 413 Request Entity Too Large"), endless.text());
    assertNull(nginx.status(), "nginx keeps serving");
    assertEquals(200, get(80, "/").status());
  }

  @Test
  void theUnprivilegedImageListensOn8080() {
    run("nginxinc/nginx-unprivileged", "/docker-entrypoint.sh");
    assertEquals(200, get(8080, "/").status());
  }

  @Test
  void aTakenPortEndsNginxWithItsBindError() {
    run("nginx", "/docker-entrypoint.sh");
    FakeAppContext second = run("nginx", "/docker-entrypoint.sh");
    assertEquals(1, second.status());
    assertEquals("nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n", second.stderr());
  }

  @Test
  void httpdSaysItWorks() {
    FakeAppContext httpd = run("httpd:2.4", "httpd-foreground");
    assertTrue(httpd.stderr().startsWith("AH00558: httpd: Could not reliably determine the server's fully qualified "
        + "domain name, using 10.244.0.2."), httpd.stderr());
    HttpResponse r = get(80, "/");
    assertEquals("Apache/2.4.62 (Unix)", r.headers().first("Server").orElseThrow());
    assertEquals("<html><body><h1>It works!</h1>\n<p>Served by pod web-7d4f-x2 (10.244.0.2).</p>\n</body></html>\n",
        r.bodyText());
    HttpResponse missing = get(80, "/x");
    assertEquals(404, missing.status());
    assertTrue(missing.bodyText().contains("<p>The requested URL was not found on this server.</p>"));
    assertTrue(httpd.stdout().contains("\"GET /x HTTP/1.1\" 404 " + missing.body().length + "\n"), httpd.stdout());
  }

  @Test
  void theEntrypointRunsWhatThePodAsksFor() {
    FakeAppContext sleep = run("nginx", "/docker-entrypoint.sh", "sleep", "5");
    assertTrue(sleep.timers().containsKey("done"), "sleep runs in place of nginx");
    FakeAppContext missing = run("nginx", "/docker-entrypoint.sh", "nope");
    assertEquals(127, missing.status());
    assertEquals("/docker-entrypoint.sh: exec: nope: not found\n", missing.stderr());
    assertTrue(pod.stack.tcp().show().lines().noneMatch(l -> l.startsWith("LISTEN")), "nothing listens");
  }
}
