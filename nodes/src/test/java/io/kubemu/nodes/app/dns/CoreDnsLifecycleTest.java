package io.kubemu.nodes.app.dns;

import static io.kubemu.nodes.app.dns.DnsFixtures.answer;
import static io.kubemu.nodes.app.dns.DnsFixtures.cluster;
import static io.kubemu.nodes.app.dns.DnsFixtures.query;
import static io.kubemu.nodes.app.dns.DnsFixtures.withCorefile;
import static io.kubemu.nodes.app.dns.DnsLab.COREDNS;
import static io.kubemu.nodes.app.dns.DnsLab.KUBE_DNS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.FakeAppContext;
import io.kubemu.protocols.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * CoreDNS as a process: its flags and start-up lines, where its Corefile comes from (the coredns
 * ConfigMap, else kubeadm's default), waiting for the informer, reloading a changed ConfigMap,
 * health, readiness and metrics over HTTP, and SIGTERM with lameduck.
 */
class CoreDnsLifecycleTest {
  private static final String SHA = "[0-9a-f]{128}";
  private final DnsLab lab = new DnsLab();

  private static String body(HttpResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void itStartsAsCoreDnsDoesWithKubeadmsCorefileWhenThereIsNoConfigMap() {
    FakeAppContext c = lab.start(cluster());
    assertNull(c.status());
    assertTrue(c.stdout().matches("\\.:53\n\\[INFO] plugin/reload: Running configuration SHA512 = " + SHA
        + "\nCoreDNS-1\\.11\\.3\nlinux/amd64, go1\\.21\\.11, a6338e9\n"), c.stdout());
    assertEquals(Rcode.NOERROR, lab.udp(query("web.default.svc.cluster.local", "A")).getRcode());
  }

  @Test
  void healthReadyAndMetricsAreServedOnTheirPorts() {
    lab.start(cluster());
    lab.udp(query("web.default.svc.cluster.local", "A"));
    HttpResponse health = lab.http(8080, "/health");
    assertEquals(200, health.status());
    assertEquals("OK", body(health));
    assertEquals(200, lab.http(8181, "/ready").status());
    assertEquals(404, lab.http(8080, "/ready").status());
    String metrics = body(lab.http(9153, "/metrics"));
    assertTrue(metrics.contains("coredns_build_info{goversion=\"go1.21.11\",revision=\"a6338e9\",version=\"1.11.3\"} 1"), metrics);
    assertTrue(metrics.contains("coredns_dns_requests_total{proto=\"udp\",type=\"A\"} 1"), metrics);
    assertTrue(metrics.contains("coredns_dns_responses_total{rcode=\"NOERROR\"} 1"), metrics);
  }

  @Test
  void withoutAViewItWaitsThenServesUnsyncedAndIsNotReadyUntilTheViewComes() {
    FakeAppContext c = lab.start(null);
    assertTrue(c.stdout().contains("[INFO] plugin/kubernetes: waiting for Kubernetes API before starting server"));
    assertEquals(CoreDns.SYNC_WAIT, c.timers().get(CoreDns.UNSYNCED));
    assertEquals(List.of(), lab.udpRaw(KUBE_DNS, query("web.default.svc.cluster.local", "A").toWire()), "not serving yet");
    c.fire(CoreDns.UNSYNCED);
    lab.net.pump();
    assertTrue(c.stdout().contains("[WARNING] plugin/kubernetes: starting server with unsynced Kubernetes API"), c.stdout());
    assertEquals(Rcode.SERVFAIL, lab.udp(query("web.default.svc.cluster.local", "A")).getRcode(), "unsynced: no NXDOMAIN");
    HttpResponse notReady = lab.http(8181, "/ready");
    assertEquals(503, notReady.status());
    assertEquals("kubernetes\n", body(notReady));
    c.cluster(cluster());
    assertEquals(200, lab.http(8181, "/ready").status());
    assertEquals(List.of("web.default.svc.cluster.local. 5 A 10.96.0.31"), answer(lab.udp(query("web.default.svc.cluster.local", "A"))));
  }

  @Test
  void aConfigMapThatArrivesAfterAnUnsyncedStartReplacesTheDefaultOnce() {
    FakeAppContext c = lab.start(null);
    c.fire(CoreDns.UNSYNCED);
    String noReload = ".:53 {\n    kubernetes cluster.local {\n      ttl 20\n    }\n}\n";
    c.cluster(withCorefile(cluster(), noReload));
    assertEquals(List.of("web.default.svc.cluster.local. 20 A 10.96.0.31"), answer(lab.udp(query("web.default.svc.cluster.local",
        "A"))), "the Corefile was unknown until now");
    c.cluster(withCorefile(cluster(), noReload.replace("ttl 20", "ttl 40")));
    assertEquals(List.of("web.default.svc.cluster.local. 20 A 10.96.0.31"), answer(lab.udp(query("web.default.svc.cluster.local",
        "A"))), "later changes wait for reload or a restart");
  }

  @Test
  void theCorednsConfigMapIsTheCorefile() {
    FakeAppContext c = lab.start(withCorefile(cluster(), """
        .:53 {
            log
            kubernetes cluster.local {
                ttl 30
            }
        }
        """));
    Message q = query("web.default.svc.cluster.local", "A");
    assertEquals(List.of("web.default.svc.cluster.local. 30 A 10.96.0.31"), answer(lab.udp(q)));
    assertTrue(c.stdout().matches("(?s).*\\[INFO] 10\\.244\\.1\\.3:\\d+ - " + q.getHeader().getID()
        + " \"A IN web\\.default\\.svc\\.cluster\\.local\\. udp \\d+ false 512\" NOERROR qr,aa,rd \\d+ [0-9.]+s\n.*"), c.stdout());
    assertTrue(!c.stdout().contains("SHA512"), "no reload plugin, no configuration line");
  }

  @Test
  void aChangedConfigMapIsReloadedAndABadOneKeptOut() {
    String first = ".:53 {\n    reload\n    kubernetes cluster.local\n}\n";
    FakeAppContext c = lab.start(withCorefile(cluster(), first));
    c.cluster(withCorefile(cluster(), first.replace("kubernetes cluster.local", "kubernetes cluster.local {\n ttl 60\n }")));
    assertTrue(c.stdout().matches("(?s).*\\[INFO] Reloading\n\\[INFO] plugin/reload: Running configuration SHA512 = " + SHA
        + "\n\\[INFO] Reloading complete\n"), c.stdout());
    assertEquals(List.of("web.default.svc.cluster.local. 60 A 10.96.0.31"), answer(lab.udp(query("web.default.svc.cluster.local",
        "A"))));
    c.cluster(withCorefile(cluster(), ".:53 {\n    reload\n    kubernetes cluster.local {\n      ttl forever\n    }\n}\n"));
    assertTrue(c.stdout().contains("[ERROR] Restart failed: plugin/kubernetes: /etc/coredns/Corefile:4 - Error during parsing:"
        + " ttl must be an integer: forever"), c.stdout());
    assertEquals(List.of("web.default.svc.cluster.local. 60 A 10.96.0.31"), answer(lab.udp(query("web.default.svc.cluster.local",
        "A"))), "the running configuration stays");
  }

  @Test
  void withoutReloadAChangedConfigMapWaitsForARestart() {
    FakeAppContext c = lab.start(withCorefile(cluster(), ".:53 {\n    kubernetes cluster.local\n}\n"));
    c.cluster(withCorefile(cluster(), ".:53 {\n    kubernetes cluster.local {\n      ttl 60\n    }\n}\n"));
    assertEquals(List.of("web.default.svc.cluster.local. 5 A 10.96.0.31"), answer(lab.udp(query("web.default.svc.cluster.local",
        "A"))));
  }

  @Test
  void aBadCorefileStopsItWithTheParsersMessage() {
    FakeAppContext c = lab.start(withCorefile(cluster(), ".:53 {\n    kubernetes cluster.local\n    hosts\n}\n"));
    assertEquals(1, c.status());
    assertTrue(c.stderr().startsWith("/etc/coredns/Corefile:3 - Error during parsing: Unknown directive 'hosts'"), c.stderr());
  }

  @Test
  void forwardToResolvConfNeedsNameserversInThePodsResolvConf() {
    FakeAppContext c = new FakeAppContext(lab.corednsPod, "/coredns", "-conf", "/etc/coredns/Corefile");
    c.cluster(cluster());
    c.start(new CoreDns());
    assertEquals(1, c.status());
    assertTrue(c.stderr().contains("no nameservers found in /etc/resolv.conf (kubemu: the pod's resolv.conf, or the"
        + " KUBEMU_UPSTREAM_NAMESERVERS variable, lists them)"), c.stderr());
  }

  @Test
  void namesNoServerBlockCoversAreRefusedAndNamesNoPluginTakesServfail() {
    FakeAppContext c = lab.start(withCorefile(cluster(), "cluster.local:53 {\n    kubernetes\n}\nexample.net:53 {\n    errors\n}\n"));
    assertEquals(Rcode.REFUSED, lab.udp(query("www.example.com", "A")).getRcode());
    assertEquals(Rcode.NOERROR, lab.udp(query("web.default.svc.cluster.local", "A")).getRcode());
    assertEquals(Rcode.SERVFAIL, lab.udp(query("www.example.net", "A")).getRcode());
    assertTrue(c.stdout().contains("[ERROR] plugin/errors: 2 www.example.net. A: plugin/errors: no next plugin found"), c.stdout());
  }

  @Test
  void maxConcurrentRefusesWhatGoesBeyondIt() {
    lab.upstream.kill();
    lab.start(withCorefile(cluster(), ".:53 {\n    forward . /etc/resolv.conf {\n        max_concurrent 1\n    }\n}\n"));
    assertEquals(List.of(), lab.udpRaw(KUBE_DNS, query("a.example.com", "A").toWire()), "waiting on the upstream");
    assertEquals(Rcode.REFUSED, lab.udp(query("b.example.com", "A")).getRcode());
    assertEquals(1, lab.app.metrics().get("forward_max_concurrent_rejects_total"));
  }

  @Test
  void dnsPortMovesTheServersWithoutAPort() {
    lab.start(withCorefile(cluster(), "cluster.local {\n    kubernetes\n}\n"), "-conf", "/etc/coredns/Corefile", "-dns.port", "1053",
        "-quiet");
    assertEquals("", lab.coredns.stdout(), "-quiet");
    Message reply = DnsLab.parse(lab.udpRaw(COREDNS, 1053, query("web.default.svc.cluster.local", "A").toWire()).get(0).payload());
    assertEquals(List.of("web.default.svc.cluster.local. 5 A 10.96.0.31"), answer(reply));
  }

  @Test
  void sigtermKeepsServingThroughLameduckThenExitsZero() {
    FakeAppContext c = lab.start(cluster());
    lab.app.onTerminate();
    assertTrue(c.stdout().endsWith("[INFO] SIGTERM: Shutting down servers then terminating\n"
        + "[INFO] plugin/health: Going into lameduck mode for 5s\n"), c.stdout());
    assertEquals(Duration.ofSeconds(5), c.timers().get(CoreDns.LAMEDUCK));
    assertEquals(Rcode.NOERROR, lab.udp(query("web.default.svc.cluster.local", "A")).getRcode());
    assertNull(c.status());
    c.fire(CoreDns.LAMEDUCK);
    assertEquals(0, c.status());
  }

  @Test
  void withoutLameduckSigtermExitsAtOnce() {
    FakeAppContext c = lab.start(withCorefile(cluster(), ".:53 {\n    kubernetes cluster.local\n}\n"));
    lab.app.onTerminate();
    assertEquals(0, c.status());
  }

  @Test
  void flagsAreGos() {
    FakeAppContext version = new FakeAppContext(lab.client, "/coredns", "-version").start(new CoreDns());
    assertEquals(0, version.status());
    assertEquals("CoreDNS-1.11.3\nlinux/amd64, go1.21.11, a6338e9\n", version.stdout());
    FakeAppContext plugins = new FakeAppContext(lab.client, "/coredns", "-plugins").start(new CoreDns());
    assertTrue(plugins.stdout().contains("  dns.kubernetes\n"), plugins.stdout());
    FakeAppContext unknown = new FakeAppContext(lab.client, "/coredns", "-conff", "x").start(new CoreDns());
    assertEquals(2, unknown.status());
    assertTrue(unknown.stderr().startsWith("flag provided but not defined: -conff\nUsage of /coredns:\n"), unknown.stderr());
    FakeAppContext port = new FakeAppContext(lab.client, "/coredns", "-dns.port", "x").start(new CoreDns());
    assertEquals(1, port.status());
  }
}
