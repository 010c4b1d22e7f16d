package io.kubemu.nodes.app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.http.LoopbackPod;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** TLS over the emulated TCP engine: a real handshake, certificates chosen by SNI, records both ways, and bad peers. */
class TlsSocketTest {
  private static final CertifiedKey SHOP = TestCerts.make("shop.example.com");
  private static final CertifiedKey FALLBACK = TestCerts.make("ingress.local");

  private final LoopbackPod pod = new LoopbackPod();
  private final StringBuilder serverGot = new StringBuilder();

  private static SSLEngine serverEngine() {
    try {
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(new KeyManager[] {new SniKeyManager(Map.of("shop.example.com", SHOP), FALLBACK)}, null, null);
      return c.createSSLEngine();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An echo server behind TLS on 443: it answers each chunk with "echo:" and the chunk. */
  private void serve() {
    pod.stack.tcp().listen(443, 8, raw -> TlsSocket.server(serverEngine(), raw, tls -> new TcpHandler() {
      @Override
      public void onData(TcpSocket s, byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        serverGot.append(text);
        s.write(("echo:" + text).getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public void onEndOfStream(TcpSocket s) {
        s.close();
      }
    }));
  }

  private static final class Client implements TcpHandler {
    final StringBuilder got = new StringBuilder();
    boolean connected;
    boolean ended;
    String closed = "open";

    @Override
    public void onConnected(TcpSocket s) {
      connected = true;
    }

    @Override
    public void onData(TcpSocket s, byte[] data) {
      got.append(new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void onEndOfStream(TcpSocket s) {
      ended = true;
    }

    @Override
    public void onClosed(TcpSocket s, String error) {
      closed = String.valueOf(error);
    }
  }

  private TlsSocket connect(String sni, Client client) {
    TlsSocket tls = TlsSocket.client(TestCerts.client(sni, SHOP.leaf()), client);
    pod.stack.tcp().connect(LoopbackPod.IP, 443, tls);
    return tls;
  }

  @Test
  void aClientThatAsksForTheHostGetsItsCertificateAndTalksBothWays() throws Exception {
    serve();
    Client client = new Client();
    TlsSocket tls = connect("shop.example.com", client);
    assertTrue(client.connected, "handshake done: " + tls.failure());
    assertEquals("shop.example.com", ((java.security.cert.X509Certificate) tls.engine().getSession().getPeerCertificates()[0])
        .getSubjectX500Principal().getName().replaceAll("CN=([^,]+),.*", "$1"));
    assertTrue(tls.write("hello over TLS".getBytes(StandardCharsets.UTF_8)));
    assertEquals("hello over TLS", serverGot.toString());
    assertEquals("echo:hello over TLS", client.got.toString());
    tls.shutdownOutput();
    assertTrue(client.ended, "the server's close_notify and FIN reach the client");
  }

  @Test
  void writesBeforeTheHandshakeEndsAreSentAfterIt() {
    serve();
    Client client = new Client();
    TlsSocket early = TlsSocket.client(TestCerts.client("shop.example.com", SHOP.leaf()), client);
    assertTrue(early.write("early".getBytes(StandardCharsets.UTF_8)), "held until the handshake ends");
    pod.stack.tcp().connect(LoopbackPod.IP, 443, early);
    assertTrue(client.connected);
    assertEquals("echo:early", client.got.toString());
  }

  @Test
  void anotherNameGetsTheDefaultCertificateWhichTheClientRefuses() {
    serve();
    Client client = new Client();
    TlsSocket tls = connect("other.example.com", client);
    assertFalse(client.connected);
    assertNotNull(tls.failure());
    assertTrue(client.closed.startsWith("TLS: "), client.closed);
    assertEquals("", serverGot.toString());
  }

  @Test
  void aPeerThatSpeaksPlainHttpToTheTlsPortFailsItsOwnConnectionOnly() {
    serve();
    LoopbackPod.Peer plain = pod.connect(443);
    plain.send("GET / HTTP/1.1\r\nHost: shop.example.com\r\n\r\n");
    assertTrue(plain.endOfStream || plain.closed != null, "the server gives up on it");
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      LoopbackPod.Peer garbage = pod.connect(443);
      byte[] junk = new byte[1 + random.nextInt(600)];
      random.nextBytes(junk);
      if (i % 2 == 0) {
        junk[0] = 0x16; // a handshake record type, so the engine reads further into the junk
        junk[Math.min(1, junk.length - 1)] = 0x03;
      }
      garbage.socket.write(junk);
    }
    Client client = new Client();
    connect("shop.example.com", client);
    assertTrue(client.connected, "the server still serves");
  }

  @Test
  void secretsInEveryPemFormOpensslWritesAreRead() {
    CertifiedKey pkcs8 = CertifiedKey.fromPem(TestCerts.certPem(SHOP), TestCerts.pkcs8Pem(SHOP));
    CertifiedKey pkcs1 = CertifiedKey.fromPem(TestCerts.certPem(SHOP), TestCerts.pkcs1Pem(SHOP));
    assertEquals(SHOP.key(), pkcs8.key());
    assertEquals(SHOP.key(), pkcs1.key());
    assertTrue(pkcs1.covers("SHOP.example.com"));
    assertFalse(pkcs1.covers("cart.shop.example.com"));
    assertTrue(TestCerts.make("*.example.com").covers("shop.example.com"));
    assertFalse(TestCerts.make("*.example.com").covers("a.b.example.com"));
    IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
        () -> CertifiedKey.fromPem(TestCerts.certPem(SHOP), TestCerts.certPem(SHOP)));
    assertTrue(noKey.getMessage().startsWith("tls.key: no private key in it"), noKey.getMessage());
    IllegalArgumentException noCert = assertThrows(IllegalArgumentException.class,
        () -> CertifiedKey.fromPem("not pem", TestCerts.pkcs8Pem(SHOP)));
    assertTrue(noCert.getMessage().startsWith("tls.crt:"), noCert.getMessage());
  }
}
