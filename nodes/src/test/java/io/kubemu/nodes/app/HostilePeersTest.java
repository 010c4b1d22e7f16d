package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.http.LoopbackPod;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded garbage against every HTTP program: servers answer or close and keep serving, clients
 * exit with one of their error statuses; nothing ever throws out of an app.
 */
class HostilePeersTest {
  private static final String REQUEST = "GET /echo?msg=x HTTP/1.1\r\nHost: web\r\nUser-Agent: curl/8.5.0\r\n"
      + "Content-Length: 4\r\nAccept: */*\r\n\r\nbody";
  private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
      + "\r\n5\r\nhello\r\n0\r\n\r\n";

  /** Noise, or {@code sample} with a few bytes replaced by noise or by HTTP's own punctuation. */
  private static byte[] garbage(Random rnd, String sample) {
    if (rnd.nextInt(5) == 0) {
      byte[] b = new byte[rnd.nextInt(300)];
      rnd.nextBytes(b);
      return b;
    }
    byte[] b = sample.getBytes(StandardCharsets.ISO_8859_1);
    byte[] punctuation = {'\r', '\n', ' ', ':', ',', ';', '0', '9', 'f', '\t', 0, (byte) 0xFF};
    for (int e = rnd.nextInt(4); e >= 0; e--) {
      int at = rnd.nextInt(b.length);
      b[at] = rnd.nextBoolean() ? punctuation[rnd.nextInt(punctuation.length)] : (byte) rnd.nextInt(256);
    }
    return Arrays.copyOf(b, rnd.nextInt(4) == 0 ? rnd.nextInt(b.length + 1) : b.length);
  }

  @Test
  void serversSurviveGarbageAndKeepServing() {
    List<String[]> servers = List.of(new String[] {"nginx", "/docker-entrypoint.sh"},
        new String[] {"httpd", "httpd-foreground"}, new String[] {"http-echo", "/http-echo", "-text=hi", "-listen=:80"},
        new String[] {"agnhost", "/agnhost", "netexec", "--http-port=80"},
        new String[] {"agnhost", "/agnhost", "serve-hostname", "--port=80"});
    Random rnd = new Random(4242);
    for (String[] server : servers) {
      LoopbackPod pod = new LoopbackPod();
      String[] argv = Arrays.copyOfRange(server, 1, server.length);
      FakeAppContext process = new FakeAppContext(pod.stack, argv)
          .start(Images.find(server[0]).orElseThrow().program(argv[0]).orElseThrow());
      for (int i = 0; i < 300; i++) {
        LoopbackPod.Peer client = pod.connect(80);
        for (int chunk = rnd.nextInt(3); chunk >= 0 && client.socket.state().ss().equals("ESTAB"); chunk--) {
          client.socket.write(garbage(rnd, REQUEST));
        }
        switch (rnd.nextInt(3)) {
          case 0 -> client.socket.abort();
          case 1 -> client.socket.close();
          default -> { }
        }
      }
      assertNull(process.status(), server[0] + " still runs");
      LoopbackPod.Peer last = pod.connect(80);
      last.send("GET / HTTP/1.1\r\nHost: web\r\n\r\n");
      assertTrue(last.text().startsWith("HTTP/1.1 200 OK\r\n"), server[0] + ": " + last.text());
    }
  }

  @Test
  void clientsExitWithAnErrorStatusOnGarbage() {
    Random rnd = new Random(1312);
    Set<Integer> curlCodes = Set.of(0, 8, 18, 52, 56, 63);
    for (int i = 0; i < 200; i++) {
      LoopbackPod pod = new LoopbackPod();
      byte[] reply = garbage(rnd, RESPONSE);
      boolean reset = rnd.nextInt(4) == 0;
      pod.serve(80, p -> {
        p.socket.write(reply);
        if (reset) {
          p.socket.abort();
        } else {
          p.socket.close();
        }
      });
      FakeAppContext curl = new FakeAppContext(pod.stack, "curl", "-sS", "http://10.244.0.2/").start(new Curl());
      assertNotNull(curl.status(), "curl ended: " + curl.stderr());
      assertTrue(curlCodes.contains(curl.status()), curl.status() + " " + curl.stderr());
      FakeAppContext wget = new FakeAppContext(pod.stack, "wget", "-qO-", "http://10.244.0.2/").start(new Wget());
      assertNotNull(wget.status(), "wget ended: " + wget.stderr());
      assertTrue(wget.status() == 0 || wget.stderr().startsWith("wget: "), wget.stderr());
      FakeAppContext nc = new FakeAppContext(pod.stack, "nc", "10.244.0.2", "80").stdin("x").start(new Netcat());
      assertEquals(0, nc.status(), "nc prints whatever comes");
    }
  }

  @Test
  void commandLinesHttpCannotCarryAreRefusedNotThrown() {
    LoopbackPod pod = new LoopbackPod();
    FakeAppContext curl = new FakeAppContext(pod.stack, "curl", "-H", "Bad Name: x", "http://10.244.0.2/")
        .start(new Curl());
    assertEquals(2, curl.status());
    assertTrue(curl.stderr().startsWith("curl: bad header name: 'Bad Name'"), curl.stderr());
    FakeAppContext wget = new FakeAppContext(pod.stack, "wget", "-U", "a\nb", "http://10.244.0.2/").start(new Wget());
    assertEquals(1, wget.status());
    assertTrue(wget.stderr().startsWith("wget: bad value for header User-Agent"), wget.stderr());
    assertEquals(2, new FakeAppContext(pod.stack, "curl", "-X", "GE T", "http://10.244.0.2/").start(new Curl()).status());
  }
}
