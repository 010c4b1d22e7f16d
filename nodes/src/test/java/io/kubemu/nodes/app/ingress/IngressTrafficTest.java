package io.kubemu.nodes.app.ingress;

import static io.kubemu.nodes.app.ingress.IngressFixtures.NGINX;
import static io.kubemu.nodes.app.ingress.IngressFixtures.ingress;
import static io.kubemu.nodes.app.ingress.IngressFixtures.rule;
import static io.kubemu.nodes.proxy.ProxyFixtures.clusterIp;
import static io.kubemu.nodes.proxy.ProxyFixtures.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.kubemu.nodes.app.ClusterView;
import io.kubemu.nodes.app.FakeAppContext;
import io.kubemu.nodes.app.HttpEcho;
import io.kubemu.nodes.app.NginxSite;
import io.kubemu.nodes.app.WebServer;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real client's request enters at the host gateway, reaches the ingress controller through its
 * NodePort Service (kube-proxy in each mode), is routed by Host and path, and is proxied to a pod on
 * the other node over VXLAN; over TLS, the certificate comes from the Ingress's Secret by SNI.
 */
class IngressTrafficTest {
  private static final CertifiedKey SHOP = TestCerts.make("shop.example.com");

  private TwoNodeCluster net;
  private FakeAppContext controller;
  private PodStack clientPod;

  /** w1: the controller (10.244.0.2) and nginx (10.244.0.3); w2: http-echo "cart" (10.244.1.2). */
  private void cluster(String mode) {
    net = new TwoNodeCluster(mode).peered();
    PodStack ingressPod = net.pod(net.w1, "veth-w1-a", "10.244.0.2", 0xA);
    PodStack webPod = net.pod(net.w1, "veth-w1-b", "10.244.0.3", 0xC);
    PodStack cartPod = net.pod(net.w2, "veth-w2-a", "10.244.1.2", 0xB);
    clientPod = net.pod(net.w2, "veth-w2-b", "10.244.1.3", 0xD);
    new FakeAppContext(webPod, "nginx").hostname("web-0").start(new WebServer(new NginxSite(), 80));
    new FakeAppContext(cartPod, "/http-echo", "-text=cart of the shop", "-listen=:8080").start(new HttpEcho());
    controller = new FakeAppContext(ingressPod, "/nginx-ingress-controller", "--election-id=ingress-nginx-leader")
        .start(new IngressNginx());
    List<Service> services = List.of(controllerService(), clusterIp("web", "10.96.0.31", 80, 80),
        clusterIp("cart", "10.96.0.30", 80, 8080));
    List<EndpointSlice> slices = List.of(controllerSlice(), slice("web", 80, "10.244.0.3@w1"), slice("cart", 8080, "10.244.1.2@w2"));
    Ingress shop = rule(ingress("shop", 1), "shop.example.com", "Prefix / web:80", "Prefix /cart cart:http").editSpec()
        .addNewTl().withHosts("shop.example.com").withSecretName("shop-tls").endTl().endSpec().build();
    Ingress plain = rule(ingress("plain", 2), "plain.example.com", "Exact /cart cart:80").build();
    controller.cluster(new ClusterView(services, slices, List.of(shop, plain), List.of(NGINX),
        List.of(IngressFixtures.tlsSecret("shop-tls", SHOP))));
    net.sync(ProxyState.from(services, slices));
  }

  private static Service controllerService() {
    return new ServiceBuilder().withNewMetadata().withNamespace("ingress-nginx").withName("ingress-nginx-controller").endMetadata()
        .withNewSpec().withType("NodePort").withClusterIP("10.96.0.40")
        .addNewPort().withName("http").withProtocol("TCP").withPort(80).withTargetPort(new IntOrString("http")).withNodePort(30080)
        .endPort()
        .addNewPort().withName("https").withProtocol("TCP").withPort(443).withTargetPort(new IntOrString("https"))
        .withNodePort(30443).endPort().endSpec().build();
  }

  private static EndpointSlice controllerSlice() {
    return new EndpointSliceBuilder().withNewMetadata().withNamespace("ingress-nginx").withName("ingress-nginx-controller-x1")
        .addToLabels(ProxyState.SERVICE_NAME_LABEL, "ingress-nginx-controller").endMetadata().withAddressType("IPv4")
        .addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort()
        .addNewPort().withName("https").withProtocol("TCP").withPort(443).endPort()
        .addNewEndpoint().addToAddresses("10.244.0.2").withNodeName("w1").withNewConditions().withReady(true).endConditions()
        .endEndpoint().build();
  }

  /** Reads one whole response and closes. */
  private static final class Reader implements TcpHandler {
    final HttpResponseParser parser = new HttpResponseParser("GET", HttpLimits.DEFAULT);
    HttpResponse response;
    String error;

    @Override
    public void onData(TcpSocket s, byte[] data) {
      parser.feed(data);
      parser.next().ifPresent(r -> {
        response = r;
        s.close();
      });
    }

    @Override
    public void onClosed(TcpSocket s, String e) {
      error = e;
    }
  }

  private static byte[] get(String host, String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: curl/8.5.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** From the host gateway to w1's node port 30080, plain HTTP. */
  private HttpResponse http(String host, String path) {
    Reader reader = new Reader();
    TcpSocket s = net.gateway().tcp().connect(net.w1.eth0().address(), 30080, new TcpHandler() {
      @Override
      public void onConnected(TcpSocket socket) {
        socket.write(get(host, path));
      }

      @Override
      public void onData(TcpSocket socket, byte[] data) {
        reader.onData(socket, data);
      }
    });
    net.pump();
    assertEquals(Ipv4Address.parse("172.18.0.2"), s.remoteAddress());
    return reader.response;
  }

  /** The same over TLS to node port 30443, asking for {@code sni} and trusting only the shop's certificate. */
  private HttpResponse https(String sni, String path) {
    Reader reader = new Reader();
    TlsSocket tls = TlsSocket.client(TestCerts.client(sni, SHOP.leaf()), new TcpHandler() {
      @Override
      public void onConnected(TcpSocket socket) {
        socket.write(get(sni, path));
      }

      @Override
      public void onData(TcpSocket socket, byte[] data) {
        reader.onData(socket, data);
      }

      @Override
      public void onClosed(TcpSocket socket, String error) {
        reader.onClosed(socket, error);
      }
    });
    net.gateway().tcp().connect(net.w1.eth0().address(), 30443, tls);
    net.pump();
    assertEquals(null, tls.failure());
    return reader.response;
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void hostAndPathPickThePodOverTlsWithTheSecretsCertificate(String mode) {
    cluster(mode);
    HttpResponse cart = https("shop.example.com", "/cart/items");
    assertEquals(200, cart.status(), cart.toString());
    assertEquals("cart of the shop\n", cart.bodyText());
    assertEquals("max-age=31536000; includeSubDomains", cart.headers().first("Strict-Transport-Security").orElseThrow());
    HttpResponse web = https("shop.example.com", "/");
    assertTrue(web.bodyText().contains("<p>Served by pod web-0 (10.244.0.3).</p>"), web.bodyText());
    assertTrue(controller.stdout().contains("\"GET /cart/items HTTP/1.1\" 200 17 \"-\" \"curl/8.5.0\""), controller.stdout());
    assertTrue(controller.stdout().contains("[default-cart-http] [] 10.244.1.2:8080"), controller.stdout());
  }

  /** curl in a pod, through the controller's cluster IP: -k takes any certificate; without it the shop's self-signed one fails. */
  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void curlInAPodSpeaksTlsThroughTheControllersClusterIp(String mode) {
    cluster(mode);
    FakeAppContext insecure = new FakeAppContext(clientPod, "curl", "-sk", "--resolve", "shop.example.com:443:10.96.0.40",
        "https://shop.example.com/cart").start(new io.kubemu.nodes.app.Curl());
    net.pump();
    assertEquals(0, insecure.status(), insecure.stderr() + insecure.stdout());
    assertEquals("cart of the shop\n", insecure.stdout());
    FakeAppContext checked = new FakeAppContext(clientPod, "curl", "-sS", "--resolve", "shop.example.com:443:10.96.0.40",
        "https://shop.example.com/cart").start(new io.kubemu.nodes.app.Curl());
    net.pump();
    assertEquals(60, checked.status(), checked.stderr());
    assertEquals("curl: (60) SSL certificate problem: self-signed certificate\n", checked.stderr());
    FakeAppContext plain = new FakeAppContext(clientPod, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
        "-H", "Host: shop.example.com", "http://10.96.0.40/").start(new io.kubemu.nodes.app.Curl());
    net.pump();
    assertEquals("308", plain.stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void plainHttpToATlsHostIsRedirectedAndOtherHostsAreRoutedOrRefused(String mode) {
    cluster(mode);
    HttpResponse redirect = http("shop.example.com", "/cart?x=1");
    assertEquals("HTTP/1.1 308 Permanent Redirect", redirect.statusLine());
    assertEquals("https://shop.example.com/cart?x=1", redirect.headers().first("Location").orElseThrow());
    assertEquals("cart of the shop\n", http("plain.example.com", "/cart").bodyText());
    assertEquals(404, http("plain.example.com", "/cart/items").status(), "Exact /cart only");
    assertEquals(404, http("nobody.example.com", "/").status());
  }
}
