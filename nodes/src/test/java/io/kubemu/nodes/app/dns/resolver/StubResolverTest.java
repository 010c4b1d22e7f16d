package io.kubemu.nodes.app.dns.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubemu.nodes.app.FakeAppContext;
import io.kubemu.nodes.pod.PodFiles;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

/**
 * The stub resolver of a pod against scripted DNS servers on other pods, over real packets:
 * search list order and ndots as musl and glibc apply them, NXDOMAIN against no data, timeouts
 * and the next server, SERVFAIL, truncation and TCP, and /etc/hosts before any of it.
 */
class StubResolverTest {
  private static final String CLUSTER_FIRST = "search default.svc.cluster.local svc.cluster.local cluster.local\n"
      + "nameserver 10.244.0.3\noptions ndots:5\n";

  private final HubNet net = new HubNet();
  private final PodStack client = net.pod("client", 2);
  private final FakeDnsServer dns = server(3);
  private final FakeDnsServer other = server(4);

  private FakeDnsServer server(int last) {
    FakeDnsServer s = new FakeDnsServer("cluster.local.")
        .record("web.default.svc.cluster.local. 30 IN A 10.96.0.20")
        .record("db.shop.svc.cluster.local. 30 IN A 10.96.0.30")
        .record("a.b.c.d.e.cluster.local. 30 IN A 10.96.0.40")
        .record("txt.default.svc.cluster.local. 30 IN TXT \"no address here\"");
    new FakeAppContext(net.pod("dns-" + last, last), "coredns").start(s);
    return s;
  }

  /** One getaddrinfo in the client pod: its process, to fire timers with, and what it found. */
  private final class Run {
    final FakeAppContext ctx;
    final ResolveProgram program;

    Run(Libc libc, String resolvConf, String name) {
      program = new ResolveProgram(libc);
      ctx = new FakeAppContext(client, "getent", name).hostname("client").file(PodFiles.RESOLV_CONF, resolvConf);
      ctx.start(program);
      net.pump();
    }

    /** The one timer pending: how long it was set for; it fires and the wire settles. */
    Duration fire() {
      Map<String, Duration> pending = ctx.timers();
      assertEquals(1, pending.size(), "pending timers: " + pending);
      String key = pending.keySet().iterator().next();
      Duration d = pending.get(key);
      ctx.fire(key);
      net.pump();
      return d;
    }

    Resolution result() {
      return program.result;
    }
  }

  @Test
  void aShortNameIsTriedWithTheSearchDomainsFirst() {
    Run r = new Run(Libc.MUSL, CLUSTER_FIRST, "web");
    assertEquals(List.of(Ipv4Address.parse("10.96.0.20")), r.result().addresses());
    assertEquals("web.default.svc.cluster.local", r.result().canonicalName());
    assertEquals(List.of("udp A web.default.svc.cluster.local."), dns.log());
    assertEquals(Map.of(), r.ctx.timers(), "nothing left pending");

    Run other = new Run(Libc.MUSL, CLUSTER_FIRST, "db.shop");
    assertEquals(Ipv4Address.parse("10.96.0.30"), other.result().first());
    assertEquals(List.of("udp A db.shop.default.svc.cluster.local.", "udp A db.shop.svc.cluster.local."), dns.log().subList(1, 3));
  }

  @Test
  void aNameNobodyHasIsAskedWithEveryDomainThenAsItIs() {
    for (Libc libc : Libc.values()) {
      Run r = new Run(libc, CLUSTER_FIRST, "nope");
      assertEquals(Resolution.Failure.NONAME, r.result().failure(), libc.name());
    }
    List<String> once = List.of("udp A nope.default.svc.cluster.local.", "udp A nope.svc.cluster.local.",
        "udp A nope.cluster.local.", "udp A nope.");
    assertEquals(once, dns.log().subList(0, 4), "musl");
    assertEquals(once, dns.log().subList(4, 8), "glibc");
  }

  @Test
  void ndotsDotsOrMoreAskTheNameAsItIsFirstAndMuslOnlyThat() {
    Run musl = new Run(Libc.MUSL, CLUSTER_FIRST, "a.b.c.d.e.example");
    assertEquals(Resolution.Failure.NONAME, musl.result().failure());
    assertEquals(List.of("udp A a.b.c.d.e.example."), dns.log());
    Run glibc = new Run(Libc.GLIBC, CLUSTER_FIRST, "a.b.c.d.e.example");
    assertEquals(Resolution.Failure.NONAME, glibc.result().failure());
    assertEquals(List.of("udp A a.b.c.d.e.example.", "udp A a.b.c.d.e.example.default.svc.cluster.local.",
        "udp A a.b.c.d.e.example.svc.cluster.local.", "udp A a.b.c.d.e.example.cluster.local."), dns.log().subList(1, 5));

    String ndots4 = CLUSTER_FIRST.replace("ndots:5", "ndots:4");
    assertEquals(Resolution.Failure.NONAME, new Run(Libc.MUSL, ndots4, "a.b.c.d.e").result().failure(),
        "musl never searches a name with ndots dots");
    Run found = new Run(Libc.GLIBC, ndots4, "a.b.c.d.e");
    assertEquals(Ipv4Address.parse("10.96.0.40"), found.result().first(), "glibc goes on to the search domains");
    assertEquals(List.of("udp A a.b.c.d.e.", "udp A a.b.c.d.e.", "udp A a.b.c.d.e.default.svc.cluster.local.",
        "udp A a.b.c.d.e.svc.cluster.local.", "udp A a.b.c.d.e.cluster.local."), dns.log().subList(5, 10));
    assertEquals(Ipv4Address.parse("10.96.0.40"), new Run(Libc.MUSL, CLUSTER_FIRST, "a.b.c.d.e").result().first(),
        "four dots are fewer than ndots:5: searched");
    int before = dns.log().size();
    new Run(Libc.MUSL, CLUSTER_FIRST, "nope.default.svc.cluster.local.");
    assertEquals(List.of("udp A nope.default.svc.cluster.local."), dns.log().subList(before, dns.log().size()),
        "a final dot: absolute, never searched");
  }

  @Test
  void aNameWithoutAnAddressEndsMuslsSearchButNotGlibcs() {
    Run musl = new Run(Libc.MUSL, CLUSTER_FIRST, "txt");
    assertEquals(Resolution.Failure.NONAME, musl.result().failure());
    assertEquals(List.of("udp A txt.default.svc.cluster.local."), dns.log());
    Run glibc = new Run(Libc.GLIBC, CLUSTER_FIRST, "txt");
    assertEquals(Resolution.Failure.NONAME, glibc.result().failure());
    assertEquals(5, dns.log().size(), "glibc asked all four names: " + dns.log());
  }

  @Test
  void glibcWaitsOutASilentServerThenAsksTheNext() {
    Run r = new Run(Libc.GLIBC, "nameserver 10.244.0.99\nnameserver 10.244.0.3\noptions timeout:2\n", "web.default.svc.cluster.local");
    assertNull(r.result());
    assertEquals(List.of(), dns.log());
    assertEquals(Duration.ofSeconds(2), r.fire());
    assertEquals(Ipv4Address.parse("10.96.0.20"), r.result().first());
    assertEquals(List.of("udp A web.default.svc.cluster.local."), dns.log());
  }

  @Test
  void muslAsksEveryServerAtOnceAndTakesTheFirstAnswer() {
    Run r = new Run(Libc.MUSL, "nameserver 10.244.0.99\nnameserver 10.244.0.3\nnameserver 10.244.0.4\n",
        "web.default.svc.cluster.local");
    assertEquals(Ipv4Address.parse("10.96.0.20"), r.result().first());
    assertEquals(List.of("udp A web.default.svc.cluster.local."), dns.log());
    assertEquals(List.of("udp A web.default.svc.cluster.local."), other.log(), "the other server was asked too");
    assertEquals(Map.of(), r.ctx.timers());
  }

  @Test
  void muslAsksAgainEveryTimeoutOverAttemptsThenGivesUp() {
    dns.silent(true);
    Run r = new Run(Libc.MUSL, CLUSTER_FIRST, "web");
    assertEquals(Duration.ofMillis(2500), r.fire());
    assertEquals(2, dns.log().size(), "asked again: " + dns.log());
    assertEquals(Duration.ofMillis(2500), r.fire());
    assertEquals(Resolution.Failure.AGAIN, r.result().failure(), "a timeout ends the search at its first name");
    assertEquals(List.of("udp A web.default.svc.cluster.local.", "udp A web.default.svc.cluster.local."), dns.log());
    Run quick = new Run(Libc.MUSL, CLUSTER_FIRST.replace("ndots:5", "ndots:5 timeout:1 attempts:1"), "web");
    assertEquals(Duration.ofSeconds(1), quick.fire());
    assertEquals(Resolution.Failure.AGAIN, quick.result().failure());
  }

  @Test
  void servfailIsAskedAgainByMuslAndSkippedByGlibc() {
    dns.failWith(Rcode.SERVFAIL);
    Run musl = new Run(Libc.MUSL, "nameserver 10.244.0.3\noptions attempts:1 timeout:1\n", "web.default.svc.cluster.local");
    assertEquals(3, dns.log().size(), "the question and twice again at once: " + dns.log());
    musl.fire();
    assertEquals(Resolution.Failure.AGAIN, musl.result().failure());
    Run glibc = new Run(Libc.GLIBC, "nameserver 10.244.0.3\nnameserver 10.244.0.4\n", "web.default.svc.cluster.local");
    assertEquals(Ipv4Address.parse("10.96.0.20"), glibc.result().first());
    assertEquals(4, dns.log().size());
    assertEquals(List.of("udp A web.default.svc.cluster.local."), other.log());
  }

  @Test
  void aTruncatedAnswerIsAskedAgainOverTcp() {
    dns.record("web.default.svc.cluster.local. 30 IN A 10.96.0.21").udpLimit(60);
    for (Libc libc : Libc.values()) {
      Run r = new Run(libc, CLUSTER_FIRST, "web");
      assertEquals(List.of(Ipv4Address.parse("10.96.0.20"), Ipv4Address.parse("10.96.0.21")), r.result().addresses(), libc.name());
    }
    List<String> once = List.of("udp A web.default.svc.cluster.local.", "tcp A web.default.svc.cluster.local.");
    assertEquals(once, dns.log().subList(0, 2));
    assertEquals(once, dns.log().subList(2, 4));
  }

  @Test
  void etcHostsAnswersBeforeAnyServerIsAsked() {
    String hosts = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
        + "10.244.0.2\tclient\n\n# Entries added by HostAliases.\n10.1.2.3\tfoo.remote\tbar.remote\n";
    ResolveProgram p = new ResolveProgram(Libc.MUSL);
    new FakeAppContext(client, "getent", "BAR.remote").file(PodFiles.HOSTS, hosts).file(PodFiles.RESOLV_CONF, CLUSTER_FIRST)
        .start(p);
    assertEquals(Resolution.found(List.of(Ipv4Address.parse("10.1.2.3")), "foo.remote"), p.result);
    ResolveProgram self = new ResolveProgram(Libc.GLIBC);
    new FakeAppContext(client, "getent", "client").hostname("client").start(self);
    assertEquals(Ipv4Address.parse("10.244.0.2"), self.result.first(), "the kubelet's line for the pod itself");
    ResolveProgram literal = new ResolveProgram(Libc.MUSL);
    new FakeAppContext(client, "getent", "10.96.0.1").start(literal);
    assertEquals(Ipv4Address.parse("10.96.0.1"), literal.result.first());
    assertEquals(List.of(), dns.log());
  }

  @Test
  void namesDnsCannotCarryFailWithoutAQuestion() {
    assertEquals(Resolution.Failure.NONAME, new Run(Libc.MUSL, CLUSTER_FIRST, "x".repeat(64) + ".example").result().failure());
    assertEquals(Resolution.Failure.NONAME, new Run(Libc.MUSL, CLUSTER_FIRST, "web..").result().failure());
    assertEquals(Resolution.Failure.NONAME, new Run(Libc.GLIBC, CLUSTER_FIRST, "").result().failure());
    assertEquals(List.of(), dns.log());
  }
}
