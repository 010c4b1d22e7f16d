package io.kubemu.nodes.app.tls;

import static org.junit.jupiter.api.Assertions.*;

import io.kubemu.nodes.app.http.LoopbackPod;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class TlsRegressionTest {
  private static final CertifiedKey SHOP = TestCerts.make("shop.example.com");
  private static final CertifiedKey WILD = TestCerts.make("*.example.com");
  private static final CertifiedKey FALLBACK = TestCerts.make("ingress.local");
  private final LoopbackPod pod = new LoopbackPod();

  private static SSLEngine serverEngine(Map<String, CertifiedKey> m) {
    try {
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(new KeyManager[] {new SniKeyManager(m, FALLBACK)}, null, null);
      return c.createSSLEngine();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static final class Client implements TcpHandler {
    final StringBuilder got = new StringBuilder();
    boolean connected;
    boolean ended;
    String closed = "open";
    public void onConnected(TcpSocket s) { connected = true; }
    public void onData(TcpSocket s, byte[] d) { got.append(new String(d, StandardCharsets.UTF_8)); }
    public void onEndOfStream(TcpSocket s) { ended = true; }
    public void onClosed(TcpSocket s, String e) { closed = String.valueOf(e); }
  }

  /** A client that sends its request and then half-closes TCP without close_notify (HTTP/1.0 style). */
  @Test
  void aPeersFinWithoutCloseNotifyStillLetsTheServerAnswer() {
    boolean[] wrote = new boolean[1];
    String[] serverClosed = {"open"};
    pod.stack.tcp().listen(443, 8, raw -> TlsSocket.server(serverEngine(Map.of("shop.example.com", SHOP)), raw, tls -> new TcpHandler() {
      public void onData(TcpSocket s, byte[] d) { }
      public void onEndOfStream(TcpSocket s) { wrote[0] = s.write("bye".getBytes(StandardCharsets.UTF_8)); s.close(); }
      public void onClosed(TcpSocket s, String e) { serverClosed[0] = String.valueOf(e); }
    }));
    Client client = new Client();
    TlsSocket tls = TlsSocket.client(TestCerts.client("shop.example.com", SHOP.leaf()), client);
    TcpSocket raw = pod.stack.tcp().connect(LoopbackPod.IP, 443, tls);
    assertTrue(client.connected);
    tls.write("req".getBytes(StandardCharsets.UTF_8));
    raw.shutdownOutput();
    assertEquals("bye", client.got.toString(), "server's answer after a truncated close; write returned " + wrote[0]
        + ", client failure " + tls.failure());
  }

  /** A write larger than the send buffer (4 MiB) is refused, per TcpSocket's contract queueing nothing; the connection goes on. */
  @Test
  void aWriteLargerThanTheSendBufferIsRefusedAndTheConnectionGoesOn() {
    Client serverSide = new Client();
    TcpSocket[] server = new TcpSocket[1];
    pod.stack.tcp().listen(443, 8, raw -> TlsSocket.server(serverEngine(Map.of("shop.example.com", SHOP)), raw, tls -> {
      server[0] = tls;
      return serverSide;
    }));
    Client client = new Client();
    TlsSocket tls = TlsSocket.client(TestCerts.client("shop.example.com", SHOP.leaf()), client);
    pod.stack.tcp().connect(LoopbackPod.IP, 443, tls);
    assertTrue(serverSide.connected);
    boolean ok = server[0].write(new byte[5 << 20]);
    boolean small = server[0].write("x".getBytes(StandardCharsets.UTF_8));
    assertFalse(ok);
    assertTrue(small, "per TcpSocket's contract a refused write queues nothing and the connection goes on");
  }

  /** A Secret for *.example.com: ingress-nginx serves it to a client asking for a.example.com. */
  @Test
  void aWildcardHostsCertificateIsChosenForANameItCovers() {
    pod.stack.tcp().listen(443, 8, raw -> TlsSocket.server(serverEngine(Map.of("*.example.com", WILD)), raw, tls -> new Client()));
    Client client = new Client();
    TlsSocket tls = TlsSocket.client(TestCerts.client("a.example.com", WILD.leaf()), client);
    pod.stack.tcp().connect(LoopbackPod.IP, 443, tls);
    assertTrue(client.connected, "handshake: " + tls.failure());
  }
}
