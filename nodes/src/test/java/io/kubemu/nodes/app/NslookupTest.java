package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.dns.resolver.ClusterDnsFixture;
import io.kubemu.nodes.app.dns.resolver.FakeDnsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** busybox nslookup in one pod against a scripted DNS server in another, over real packets. */
class NslookupTest {
  private final ClusterDnsFixture cluster = new ClusterDnsFixture();
  private final FakeDnsServer dns = cluster.dns
      .record("cluster.local. 30 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1700000000 7200 1800 86400 30");

  private FakeAppContext nslookupWith(String resolvConf, String... args) {
    return cluster.run(resolvConf, new Nslookup(), FakeAppContext.command("nslookup", args));
  }

  private FakeAppContext nslookup(String... args) {
    return nslookupWith(FakeDnsServer.clusterFirst("10.244.0.3"), args);
  }

  @Test
  void aShortNameGoesWithEverySearchDomainForAAndAaaa() {
    FakeAppContext n = nslookup("web");
    assertEquals("""
        Server:\t\t10.244.0.3
        Address:\t10.244.0.3:53

        Name:\tweb.default.svc.cluster.local
        Address: 10.96.0.20

        ** server can't find web.svc.cluster.local: NXDOMAIN

        ** server can't find web.cluster.local: NXDOMAIN


        ** server can't find web.svc.cluster.local: NXDOMAIN

        ** server can't find web.cluster.local: NXDOMAIN

        """, n.stdout());
    assertEquals(1, n.status(), "busybox exits 1 when any reply was an error");
    assertEquals(List.of("udp A web.default.svc.cluster.local.", "udp A web.svc.cluster.local.", "udp A web.cluster.local.",
        "udp AAAA web.default.svc.cluster.local.", "udp AAAA web.svc.cluster.local.", "udp AAAA web.cluster.local."), dns.log());
  }

  @Test
  void aNameWithADotIsAskedOnlyAsItIs() {
    FakeAppContext n = nslookup("web.default.svc.cluster.local");
    assertEquals("Server:\t\t10.244.0.3\nAddress:\t10.244.0.3:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.0.20\n\n\n",
        n.stdout(), "the AAAA reply has no answer: just its blank line");
    assertEquals(0, n.status());
    FakeAppContext missing = nslookup("nope.example");
    assertEquals("Server:\t\t10.244.0.3\nAddress:\t10.244.0.3:53\n\n** server can't find nope.example: NXDOMAIN\n\n"
        + "** server can't find nope.example: NXDOMAIN\n\n", missing.stdout());
    assertEquals(1, missing.status());
  }

  @Test
  void typesAndReverseLookups() {
    FakeAppContext srv = nslookup("-type=srv", "_http._tcp.web.default.svc.cluster.local");
    assertTrue(srv.stdout().endsWith("\n\n_http._tcp.web.default.svc.cluster.local\tservice = 0 100 80 web.default.svc.cluster.local\n\n"),
        srv.stdout());
    FakeAppContext ptr = nslookup("10.96.0.20");
    assertTrue(ptr.stdout().endsWith("\n\n20.0.96.10.in-addr.arpa\tname = web.default.svc.cluster.local\n\n"), ptr.stdout());
    FakeAppContext soa = nslookup("-type=soa", "cluster.local");
    assertTrue(soa.stdout().endsWith("\n\ncluster.local\n\torigin = ns.dns.cluster.local\n\tmail addr = hostmaster.cluster.local\n"
        + "\tserial = 1700000000\n\trefresh = 7200\n\tretry = 1800\n\texpire = 86400\n\tminimum = 30\n\n"), soa.stdout());
    assertEquals(List.of("udp SRV _http._tcp.web.default.svc.cluster.local.", "udp PTR 20.0.96.10.in-addr.arpa.",
        "udp SOA cluster.local."), dns.log());
  }

  @Test
  void aServerGivenOnTheCommandLineAndOneThatIsNotAuthoritative() {
    FakeDnsServer upstream = new FakeDnsServer("example.").authoritative(false).record("example.com. 300 IN A 203.0.113.10");
    new FakeAppContext(cluster.net.pod("upstream", 4), "dns").start(upstream);
    FakeAppContext n = nslookup("example.com", "10.244.0.4");
    assertEquals("Server:\t\t10.244.0.4\nAddress:\t10.244.0.4:53\n\nNon-authoritative answer:\nName:\texample.com\n"
        + "Address: 203.0.113.10\n\nNon-authoritative answer:\n\n", n.stdout());
    assertEquals(List.of(), dns.log(), "resolv.conf's server was not asked");
  }

  @Test
  void aSilentServerGivesWayToTheNextThenNoneIsLeft() {
    FakeAppContext n = nslookupWith("nameserver 10.244.0.99\nnameserver 10.244.0.3\n", "web.default.svc.cluster.local");
    assertNull(n.status());
    assertEquals(Duration.ofMillis(2500), n.timers().get("resolver-1"));
    assertTrue(n.fire("resolver-1"));
    assertTrue(n.fire("resolver-2"));
    cluster.net.pump();
    assertEquals(0, n.status(), n.stdout());
    assertTrue(n.stdout().startsWith("Server:\t\t10.244.0.3\n"), n.stdout());

    dns.silent(true);
    FakeAppContext none = nslookup("web.default.svc.cluster.local");
    assertTrue(none.fire("resolver-1"));
    cluster.net.pump();
    assertTrue(none.fire("resolver-2"));
    assertEquals(1, none.status());
    assertEquals(";; connection timed out; no servers could be reached\n\n", none.stdout());
    assertEquals(4, dns.log().size() - 2, "A and AAAA, asked twice: " + dns.log());
  }

  @Test
  void badCommandLines() {
    FakeAppContext none = nslookup();
    assertEquals(1, none.status());
    assertEquals(Nslookup.USAGE, none.stderr());
    assertEquals("nslookup: invalid query type \"wks\"\n", nslookup("-type=wks", "web").stderr());
    assertEquals(Nslookup.USAGE, nslookup("-recurse", "web").stderr());
    assertEquals("nslookup: bad address 'dns.nowhere'\n", nslookup("web", "dns.nowhere").stderr());
  }
}
