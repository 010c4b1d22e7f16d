package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.http.LoopbackPod;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpResponseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** hashicorp/http-echo and agnhost, the Go servers of Kubernetes tutorials and e2e tests. */
class GoServersTest {
  private final LoopbackPod pod = new LoopbackPod();

  private FakeAppContext run(String image, String... argv) {
    App app = Images.find(image).orElseThrow().program(argv[0]).orElseThrow();
    return new FakeAppContext(pod.stack, argv).hostname("echo-5d9c-abcde").start(app);
  }

  private HttpResponse get(int port, String target) {
    LoopbackPod.Peer client = pod.connect(port);
    client.send("GET " + target + " HTTP/1.1\r\nHost: echo:" + port + "\r\nUser-Agent: Wget\r\n\r\n");
    HttpResponseParser parser = new HttpResponseParser("GET", HttpLimits.DEFAULT);
    parser.feed(client.received.toByteArray());
    return parser.next().orElseThrow();
  }

  @Test
  void httpEchoAnswersEveryPathWithItsText() {
    FakeAppContext echo = run("hashicorp/http-echo", "/http-echo", "-text=hello from a", "-listen=:5678");
    assertTrue(echo.stderr().matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\[INFO] server is listening on :5678\n"),
        echo.stderr());
    HttpResponse r = get(5678, "/anything");
    assertEquals("HTTP/1.1 200 OK", r.statusLine());
    assertEquals("hello from a\n", r.bodyText());
    assertEquals(List.of("X-App-Name", "X-App-Version", "Date", "Content-Length", "Content-Type"),
        r.headers().fields().stream().map(f -> f.name()).toList(), "Go's header order");
    assertEquals("text/plain; charset=utf-8", r.headers().first("Content-Type").orElseThrow());
    assertTrue(echo.stdout().matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d echo:5678 10\\.244\\.0\\.2:\\d+ "
        + "\"GET /anything HTTP/1.1\" 200 13 \"Wget\" [\\d.]+(ns|µs|ms)\n"), echo.stdout());
    assertEquals("{\"status\":\"ok\"}\n", get(5678, "/health").bodyText());
  }

  @Test
  void httpEchoTakesGoFlagsEnvironmentAndStatusCode() {
    run("http-echo", "/http-echo", "--text", "teapot", "-listen", "0.0.0.0:8080", "-status-code=418");
    HttpResponse r = get(8080, "/");
    assertEquals("HTTP/1.1 418 I'm a teapot", r.statusLine());
    assertEquals("teapot\n", r.bodyText());
    FakeAppContext fromEnv = new FakeAppContext(pod.stack, "/http-echo", "-listen=:9000").env("ECHO_TEXT", "env text")
        .start(new HttpEcho());
    assertNull(fromEnv.status());
    assertEquals("env text\n", get(9000, "/").bodyText());
  }

  @Test
  void httpEchoRefusesBadCommandLines() {
    FakeAppContext noText = run("http-echo", "/http-echo");
    assertEquals(127, noText.status());
    assertEquals("Missing -text option OR ENV var TEXT is empty!\n", noText.stderr());
    FakeAppContext unknown = run("http-echo", "/http-echo", "-txet=x");
    assertEquals(2, unknown.status());
    assertTrue(unknown.stderr().startsWith("flag provided but not defined: -txet\nUsage of /http-echo:\n"));
    FakeAppContext extra = run("http-echo", "/http-echo", "-text=a", "b");
    assertEquals(127, extra.status());
    assertEquals("Too many arguments!\n", extra.stderr());
    run("http-echo", "/http-echo", "-text=a");
    FakeAppContext taken = run("http-echo", "/http-echo", "-text=b");
    assertEquals(1, taken.status());
    assertTrue(taken.stderr().endsWith("[ERR] server exited with: listen tcp :5678: bind: address already in use\n"),
        taken.stderr());
  }

  @Test
  void netexecAnswersItsEndpoints() {
    FakeAppContext agnhost = run("registry.k8s.io/e2e-test-images/agnhost:2.47", "/agnhost", "netexec",
        "--http-port=8080");
    assertTrue(agnhost.stderr().contains(" Started HTTP server on port 8080\n"), agnhost.stderr());
    assertEquals("echo-5d9c-abcde", get(8080, "/hostname").bodyText());
    assertTrue(get(8080, "/clientip").bodyText().matches("10\\.244\\.0\\.2:\\d{5}"), "the peer as the pod sees it");
    assertEquals("hi there", get(8080, "/echo?msg=hi%20there").bodyText());
    HttpResponse created = get(8080, "/echo?msg=made&code=201");
    assertEquals("HTTP/1.1 201 Created", created.statusLine());
    assertEquals(200, get(8080, "/healthz").status());
    assertEquals("", get(8080, "/healthz").bodyText());
    assertTrue(get(8080, "/").bodyText().matches("NOW: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\+0000 UTC "
        + "m=\\+\\d+\\.\\d{9}"));
    assertTrue(agnhost.stderr().contains(" GET /echo?msg=made&code=201\n"), agnhost.stderr());
  }

  @Test
  void netexecAnswersUdpCommandsToo() {
    run("agnhost", "/agnhost", "netexec", "--http-port", "8080", "--udp-port", "8081");
    List<String> replies = new ArrayList<>();
    int port = pod.stack.bindUdp(0, d -> replies.add(new String(d.payload(), StandardCharsets.UTF_8)));
    Ipv4Address self = LoopbackPod.IP;
    for (String command : List.of("hostname", "echo udp works", "clientip", "unknown")) {
      pod.stack.sendUdp(port, self, 8081, command.getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(List.of("echo-5d9c-abcde", "udp works", "10.244.0.2:" + port), replies);
  }

  @Test
  void exitEndsTheProcessWithTheCode() {
    FakeAppContext agnhost = run("agnhost", "/agnhost", "netexec");
    LoopbackPod.Peer client = pod.connect(8080);
    client.send("GET /exit?code=3 HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(3, agnhost.status());
    assertTrue(pod.stack.tcp().show().lines().noneMatch(l -> l.startsWith("LISTEN")), pod.stack.tcp().show());
  }

  @Test
  void serveHostnameAndPause() {
    FakeAppContext serve = run("agnhost", "/agnhost", "serve-hostname", "--port", "9376");
    assertTrue(serve.stderr().endsWith(" Serving on port 9376.\n"), serve.stderr());
    assertEquals("echo-5d9c-abcde", get(9376, "/whatever").bodyText());
    FakeAppContext pause = run("agnhost", "/agnhost");
    assertNull(pause.status(), "the image's CMD is pause");
    FakeAppContext wrong = run("agnhost", "/agnhost", "nope");
    assertEquals(1, wrong.status());
    assertEquals("Error: unknown command \"nope\" for \"agnhost\"\nRun 'agnhost --help' for usage.\n", wrong.stderr());
  }

  @Test
  void queryParametersDecodeAsGoDoes() {
    assertEquals(Map.of("msg", "a b+c", "x", ""), Agnhost.query("msg=a+b%2Bc&x&msg=second&bad=%zz"));
  }
}
