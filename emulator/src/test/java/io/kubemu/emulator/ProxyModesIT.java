package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kube-proxy mode on a cluster of its own: a real HTTP client on 127.0.0.1 reaches nginx pods
 * through a NodePort Service and kube-proxy spreads its connections, proxy-rules prints the
 * mode's own tool's view (iptables-save, nft list ruleset, ipvsadm -Ln) and flannel's masquerade,
 * a pod reaches the external host, which sees its node's address, and the ingress-nginx add-on
 * routes by host and path over TLS through its node ports.
 */
class ProxyModesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aRealClientReachesPodsThroughANodePort(String mode) throws Exception {
    Path home = Files.createTempDirectory("kubemu-modes-");
    Cli cli = new Cli(home);
    try {
      Cli.Result up = cli.run("up", "--hosts", "1", "--nodes", "2", "--proxy-mode", mode);
      assertEquals(0, up.exit(), up.toString());
      Cli.Result applied = cli.run("apply", "-f", Cli.repo().resolve("examples/web.yaml").toString(),
          "-f", Cli.repo().resolve("examples/ingress.yaml").toString());
      assertEquals(0, applied.exit(), applied.toString());
      String url = nodePortUrl(cli, "nodeport default/web:http");
      Set<String> served = new TreeSet<>();
      Pattern pod = Pattern.compile("Served by pod (web-\\S+) ");
      for (int i = 0; i < 150 && served.size() < 2; i++) {
        // a client of its own per request: a kept-alive connection stays with the pod it reached
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/")).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
          Matcher m = pod.matcher(r.body());
          if (r.statusCode() == 200 && m.find()) {
            served.add(m.group(1));
          }
        } catch (java.io.IOException e) {
          // endpoints not ready yet: a refusal, until the readiness probes pass
        }
        Thread.sleep(100);
      }
      assertTrue(served.size() >= 2, mode + ": connections through " + url + " reached " + served);
      Cli.Result rules = cli.run("proxy-rules", "w1");
      assertEquals(0, rules.exit(), rules.toString());
      String expected = switch (mode) {
        case "iptables" -> "-A KUBE-NODEPORTS -p tcp -m comment --comment default/web:http";
        case "nftables" -> "map service-nodeports {";
        default -> "IP Virtual Server version 1.2.1";
      };
      assertTrue(rules.out().contains("# kube-proxy mode " + mode + " on w1"), rules.out());
      assertTrue(rules.out().contains(expected), rules.out());
      assertTrue(rules.out().contains("-A POSTROUTING -m comment --comment \"flanneld masq\" -j FLANNEL-POSTRTG"), rules.out());
      String web = served.iterator().next();
      String node = JSON.readTree(cli.run("get", "pod", web, "-o", "json").out()).path("spec").path("nodeName").asText();
      Cli.Result egress = cli.run("exec", web, "--", "curl", "-s", "http://203.0.113.10/clientip");
      assertEquals(0, egress.exit(), egress.toString());
      assertTrue(egress.out().startsWith("172.18.0." + (Integer.parseInt(node.substring(1)) + 1) + ":"),
          mode + ": the external host sees " + node + "'s address: " + egress);
      ingressOverTls(cli, mode);
    } finally {
      Cli.Result down = cli.run("down");
      assertEquals(0, down.exit(), down.toString());
    }
  }

  /**
   * The ingress-nginx add-on routes shop.example.com by path (examples/ingress.yaml): over TLS, with
   * the Secret's certificate picked by SNI and checked against the example's own file, /cart
   * reaches http-echo and / reaches nginx; plain HTTP reaches them too (the example turns ssl-redirect off).
   */
  private static void ingressOverTls(Cli cli, String mode) throws Exception {
    URI https = URI.create(nodePortUrl(cli, "nodeport ingress-nginx/ingress-nginx-controller:https"));
    URI http = URI.create(nodePortUrl(cli, "nodeport ingress-nginx/ingress-nginx-controller:http"));
    javax.net.ssl.SSLContext tls = IngressClient.trusting(Cli.repo().resolve("examples/tls/shop.example.com.crt"));
    String cart = "";
    for (int i = 0; i < 150 && !cart.endsWith("\r\n\r\ncart\n"); i++) {
      try {
        cart = IngressClient.get(tls, "shop.example.com", https.getPort(), "/cart");
      } catch (java.io.IOException e) {
        cart = e.toString(); // the controller or the cart pods are not ready yet
      }
      Thread.sleep(100);
    }
    assertTrue(cart.startsWith("HTTP/1.1 200 OK\r\n") && cart.endsWith("\r\n\r\ncart\n"), mode + ": " + cart);
    assertTrue(cart.contains("Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n"), cart);
    String root = IngressClient.get(tls, "shop.example.com", https.getPort(), "/");
    assertTrue(root.contains("Served by pod web-"), mode + ": " + root);
    String plain = IngressClient.get(null, "shop.example.com", http.getPort(), "/cart");
    assertTrue(plain.startsWith("HTTP/1.1 200 OK\r\n") && plain.endsWith("\r\n\r\ncart\n"), mode + ": " + plain);
    assertTrue(!plain.contains("Strict-Transport-Security"), "HSTS only over TLS: " + plain);
  }

  private static String nodePortUrl(Cli cli, String name) throws Exception {
    for (int i = 0; i < 100; i++) {
      Cli.Result status = cli.run("status", "-o", "json");
      if (status.exit() == 0) {
        for (JsonNode e : JSON.readTree(status.out()).path("endpoints")) {
          if (e.path("name").asText().equals(name)) {
            return e.path("url").asText();
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("status never listed " + name);
  }
}
