package io.kubemu.nodes.app.ingress;

import static io.kubemu.nodes.app.ingress.IngressFixtures.NGINX;
import static io.kubemu.nodes.app.ingress.IngressFixtures.ingress;
import static io.kubemu.nodes.app.ingress.IngressFixtures.rule;
import static io.kubemu.nodes.proxy.ProxyFixtures.clusterIp;
import static io.kubemu.nodes.proxy.ProxyFixtures.slice;
import static org.junit.jupiter.api.Assertions.*;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.kubemu.nodes.app.ClusterView;
import io.kubemu.nodes.app.FakeAppContext;
import io.kubemu.nodes.app.http.LoopbackPod;
import io.kubemu.nodes.app.tls.CertifiedKey;
import io.kubemu.nodes.app.tls.TestCerts;
import io.kubemu.nodes.app.tls.TlsSocket;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.TwoNodeCluster;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpResponseParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressRegressionTest {
  private static final CertifiedKey SHOP = TestCerts.make("shop.example.com");

  static byte[] get(String host, String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  static final class Reader implements TcpHandler {
    final HttpResponseParser parser = new HttpResponseParser("GET", HttpLimits.DEFAULT.withMaxBodyBytes(64L << 20));
    HttpResponse response;
    long bytes;
    boolean ended;
    String closed = "open";
    byte[] request;
    Reader(byte[] request) { this.request = request; }
    public void onConnected(TcpSocket s) { if (request != null) s.write(request); }
    public void onData(TcpSocket s, byte[] d) {
      bytes += d.length;
      parser.feed(d);
      parser.next().ifPresent(r -> response = r);
    }
    public void onEndOfStream(TcpSocket s) { ended = true; }
    public void onClosed(TcpSocket s, String e) { closed = String.valueOf(e); }
  }

  // ---- two nodes: ingress on w1, backend and client on w2 ----

  TwoNodeCluster net;
  FakeAppContext controller;
  PodStack backend;
  PodStack client;

  void cluster() {
    net = new TwoNodeCluster("iptables").peered();
    PodStack ingressPod = net.pod(net.w1, "veth-w1-a", "10.244.0.2", 0xA);
    backend = net.pod(net.w2, "veth-w2-a", "10.244.1.2", 0xB);
    client = net.pod(net.w2, "veth-w2-b", "10.244.1.3", 0xD);
    controller = new FakeAppContext(ingressPod, "/nginx-ingress-controller").start(new IngressNginx());
    List<Service> services = List.of(clusterIp("big", "10.96.0.30", 80, 8080));
    List<EndpointSlice> slices = List.of(slice("big", 8080, "10.244.1.2@w2"));
    Ingress shop = rule(ingress("shop", 1), "shop.example.com", "Prefix / big:80").editSpec()
        .addNewTl().withHosts("shop.example.com").withSecretName("shop-tls").endTl().endSpec()
        .editMetadata().addToAnnotations("nginx.ingress.kubernetes.io/ssl-redirect", "false").endMetadata().build();
    controller.cluster(new ClusterView(services, slices, List.of(shop), List.of(NGINX), List.of(IngressFixtures.tlsSecret("shop-tls", SHOP))));
    net.sync(ProxyState.from(services, slices));
  }

  /** A backend answering with a 5 MiB body, written as its send buffer allows. */
  void bigBackend() {
    int total = 5 << 20;
    backend.tcp().listen(8080, 8, s -> new TcpHandler() {
      int sent;
      boolean started;
      void more(TcpSocket sock) {
        while (sent < total) {
          int n = Math.min(1 << 20, total - sent);
          if (!sock.write(new byte[n])) return;
          sent += n;
        }
        sock.close();
      }
      public void onData(TcpSocket sock, byte[] d) {
        if (!started) {
          started = true;
          sock.write(("HTTP/1.1 200 OK\r\nContent-Length: " + total + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          more(sock);
        }
      }
      public void onDrained(TcpSocket sock) { if (started) more(sock); }
    });
  }

  @Test
  void aResponseLargerThanTheSendBufferReachesThePlainClient() {
    cluster();
    bigBackend();
    Reader r = new Reader(get("shop.example.com", "/file"));
    client.tcp().connect(Ipv4Address.parse("10.244.0.2"), 80, r);
    net.pump();
    assertNotNull(r.response, "client got " + r.bytes + " bytes, closed: " + r.closed);
    assertEquals(5 << 20, r.response.body().length);
  }

  @Test
  void aResponseLargerThanTheSendBufferReachesTheTlsClient() {
    cluster();
    bigBackend();
    Reader r = new Reader(get("shop.example.com", "/file"));
    TlsSocket tls = TlsSocket.client(TestCerts.client("shop.example.com", SHOP.leaf()), r);
    client.tcp().connect(Ipv4Address.parse("10.244.0.2"), 443, tls);
    net.pump();
    assertNotNull(r.response, "client got " + r.bytes + " bytes, closed: " + r.closed);
  }

  /** An upstream that answers HTTP/1.0 without Content-Length (body ends with the connection). */
  @Test
  void aCloseDelimitedUpstreamResponseIsFramedForTheKeepAliveClient() {
    cluster();
    backend.tcp().listen(8080, 8, s -> new TcpHandler() {
      public void onData(TcpSocket sock, byte[] d) {
        sock.write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII));
        sock.close();
      }
    });
    Reader r = new Reader(get("shop.example.com", "/"));
    client.tcp().connect(Ipv4Address.parse("10.244.0.2"), 80, r);
    net.pump();
    assertNotNull(r.response, "the client cannot tell where the body ends: " + r.bytes + " bytes, ended " + r.ended);
  }

  /** The client sends its request and half-closes (printf ... | nc): nginx answers, then closes. */
  @Test
  void aClientThatHalfClosesWhileTheUpstreamIsBusyGetsTheAnswerAndThenEof() {
    cluster();
    TcpSocket[] held = new TcpSocket[1];
    backend.tcp().listen(8080, 8, s -> new TcpHandler() {
      public void onData(TcpSocket sock, byte[] d) { held[0] = sock; }
    });
    Reader r = new Reader(null);
    TcpSocket c = client.tcp().connect(Ipv4Address.parse("10.244.0.2"), 80, new TcpHandler() {
      public void onConnected(TcpSocket s) { s.write(get("shop.example.com", "/")); s.shutdownOutput(); }
      public void onData(TcpSocket s, byte[] d) { r.onData(s, d); }
      public void onEndOfStream(TcpSocket s) { r.onEndOfStream(s); }
      public void onClosed(TcpSocket s, String e) { r.onClosed(s, e); }
    });
    net.pump();
    assertNotNull(held[0], "request reached the backend");
    held[0].write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
    held[0].close();
    net.pump();
    assertNotNull(r.response);
    assertTrue(r.ended, "the controller never closes a connection whose client already sent FIN; client state " + c.state());
  }

  // ---- one pod, loopback ----

  /** A refused endpoint fails inside HttpFetch.start; the retry's fetch is then overwritten and its timeout lost. */
  @Test
  void theRetryAfterAnImmediateRefusalStillTimesOut() {
    LoopbackPod pod = new LoopbackPod();
    FakeAppContext ctl = new FakeAppContext(pod.stack, "/nginx-ingress-controller").start(new IngressNginx());
    pod.stack.tcp().listen(8081, 8, s -> new TcpHandler() {
      public void onData(TcpSocket sock, byte[] d) { } // accepts and never answers
    });
    EndpointSlice refused = slice("svc", 9999, "10.244.0.2@w1");
    EndpointSlice silent = new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder(slice("svc", 8081, "10.244.0.2@w1"))
        .editMetadata().withName("svc-fghij").endMetadata().build();
    Ingress ing = rule(ingress("i", 1), "h.example.com", "Prefix / svc:80").build();
    ctl.cluster(new ClusterView(List.of(clusterIp("svc", "10.96.0.9", 80, 8081)), List.of(refused, silent), List.of(ing),
        List.of(NGINX), List.of()));
    Reader r = new Reader(get("h.example.com", "/"));
    pod.stack.tcp().connect(LoopbackPod.IP, 80, r);
    assertTrue(ctl.fire("upstream-1"), "read timeout scheduled: " + ctl.timers());
    assertNotNull(r.response, "proxy_read_timeout should answer 504");
    assertEquals(504, r.response.status());
  }

  /** --default-ssl-certificate names a Secret that exists; no Ingress has tls. */
  @Test
  void theDefaultSslCertificateIsServed() {
    LoopbackPod pod = new LoopbackPod();
    CertifiedKey dflt = TestCerts.make("dflt.example.com");
    FakeAppContext ctl = new FakeAppContext(pod.stack, "/nginx-ingress-controller", "--default-ssl-certificate=default/dflt")
        .start(new IngressNginx());
    ctl.cluster(new ClusterView(List.of(), List.of(), List.of(), List.of(NGINX), List.of(IngressFixtures.tlsSecret("dflt", dflt))));
    Reader r = new Reader(null);
    TlsSocket tls = TlsSocket.client(TestCerts.client("dflt.example.com", dflt.leaf()), r);
    pod.stack.tcp().connect(LoopbackPod.IP, 443, tls);
    assertNull(tls.failure(), "the fake certificate was served instead");
  }

  /** With two endpoints and interleaved requests, a retry must not go back to the endpoint that just failed. */
  @Test
  void aRetryPicksAnEndpointNotYetTried() {
    Upstreams u = new Upstreams(ClusterView.EMPTY);
    IngressConfig.Upstream up = new IngressConfig.Upstream("default", "svc", "80");
    List<Upstreams.Endpoint> eps = List.of(new Upstreams.Endpoint(Ipv4Address.parse("10.0.0.1"), 80),
        new Upstreams.Endpoint(Ipv4Address.parse("10.0.0.2"), 80));
    Upstreams.Endpoint first = u.pick(up, eps, java.util.Set.of()); // request A
    u.pick(up, eps, java.util.Set.of()); // request B on another connection, meanwhile
    Upstreams.Endpoint retry = u.pick(up, eps, java.util.Set.of(first)); // A's retry
    assertNotEquals(first, retry, "retried the endpoint that failed");
  }
}
