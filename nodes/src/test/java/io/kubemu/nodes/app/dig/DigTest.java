package io.kubemu.nodes.app.dig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.FakeAppContext;
import io.kubemu.nodes.app.dns.resolver.ClusterDnsFixture;
import io.kubemu.nodes.app.dns.resolver.FakeDnsServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dig in one pod against a scripted DNS server in another, over real packets, in BIND 9.18's and 9.9's words. */
class DigTest {
  private static final String STATS_918 = ";; Query time: \\d+ msec\n;; SERVER: 10.244.0.3#53\\(10.244.0.3\\) \\(UDP\\)\n"
      + ";; WHEN: \\w{3} \\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4}\n;; MSG SIZE  rcvd: \\d+\n\n";
  private final ClusterDnsFixture cluster = new ClusterDnsFixture();
  private final FakeDnsServer dns = cluster.dns
      .record("alias.default.svc.cluster.local. 30 IN CNAME web.default.svc.cluster.local.")
      .record("note.default.svc.cluster.local. 30 IN TXT \"hello world\" \"two\"");

  private FakeAppContext dig(DigDialect dialect, String... args) {
    return cluster.run(new Dig(dialect), FakeAppContext.command("dig", args));
  }

  private FakeAppContext dig(String... args) {
    return dig(DigDialect.BIND_9_18, args);
  }

  private static void assertMatches(String regex, String text) {
    assertTrue(text.matches("(?s)" + regex), () -> "expected /" + regex + "/ to match:\n" + text);
  }

  @Test
  void anAnswerInBind918sLayout() {
    FakeAppContext d = dig("web.default.svc.cluster.local");
    assertEquals(0, d.status());
    assertMatches("""

        ; <<>> DiG 9.18.33 <<>> web.default.svc.cluster.local
        ;; global options: \\+cmd
        ;; Got answer:
        ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \\d+
        ;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
        ;; WARNING: recursion requested but not available

        ;; OPT PSEUDOSECTION:
        ; EDNS: version: 0, flags:; udp: 1232
        ;; QUESTION SECTION:
        ;web.default.svc.cluster.local.\tIN\tA

        ;; ANSWER SECTION:
        web.default.svc.cluster.local. 30 IN\tA\t10.96.0.20

        """ + STATS_918, d.stdout());
    assertTrue(d.stdout().endsWith(";; MSG SIZE  rcvd: 74\n\n"), "12 header, 35 question, 16 answer (a pointer for its name), 11 OPT");
  }

  @Test
  void shortFormsOfTheTypesAClusterServes() {
    assertEquals("0 100 80 web.default.svc.cluster.local.\n", dig("+short", "_http._tcp.web.default.svc.cluster.local", "SRV").stdout());
    assertEquals("web.default.svc.cluster.local.\n", dig("-x", "10.96.0.20", "+short").stdout());
    assertEquals("web.default.svc.cluster.local.\n", dig("+short", "cname", "alias.default.svc.cluster.local").stdout());
    assertEquals("\"hello world\" \"two\"\n", dig("note.default.svc.cluster.local", "txt", "+short").stdout());
    assertEquals("", dig("+short", "nope.default.svc.cluster.local").stdout(), "NXDOMAIN has no answer to show");
    assertEquals(List.of("udp SRV _http._tcp.web.default.svc.cluster.local.", "udp PTR 20.0.96.10.in-addr.arpa.",
        "udp CNAME alias.default.svc.cluster.local.", "udp TXT note.default.svc.cluster.local.",
        "udp A nope.default.svc.cluster.local."), dns.log());
  }

  @Test
  void nxdomainShowsTheZonesSoaAndNoallAnswerOnlyRecords() {
    FakeAppContext d = dig("nope.default.svc.cluster.local");
    assertEquals(0, d.status(), "a reply is a reply, whatever its status");
    assertTrue(d.stdout().contains(";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: "), d.stdout());
    assertTrue(d.stdout().contains("\n;; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. "
        + "hostmaster.cluster.local. 1700000000 7200 1800 86400 30\n\n"), d.stdout());
    assertEquals("web.default.svc.cluster.local. 30 IN\tA\t10.96.0.20\n",
        dig("+noall", "+answer", "web.default.svc.cluster.local").stdout());
  }

  @Test
  void searchTriesTheDomainsAndShowsOnlyTheLastReply() {
    FakeAppContext found = dig("+search", "web", "+noall", "+answer");
    assertEquals("web.default.svc.cluster.local. 30 IN\tA\t10.96.0.20\n", found.stdout());
    FakeAppContext missing = dig("+search", "nope", "+noall", "+question", "+comments");
    assertTrue(missing.stdout().contains("status: NXDOMAIN"), missing.stdout());
    assertTrue(missing.stdout().contains(";; QUESTION SECTION:\n;nope.\t\t\t\tIN\tA\n"), "the last name asked: " + missing.stdout());
    assertEquals(List.of("udp A web.default.svc.cluster.local.", "udp A nope.default.svc.cluster.local.",
        "udp A nope.svc.cluster.local.", "udp A nope.cluster.local.", "udp A nope."), dns.log());
    dig("web");
    assertEquals("udp A web.", dns.log().get(5), "without +search the name is taken as absolute");
  }

  @Test
  void silenceIsTimedOutPerAttemptThenNoServers() {
    dns.silent(true);
    FakeAppContext d = dig("@10.244.0.3", "web.default.svc.cluster.local", "+tries=2");
    assertNull(d.status());
    assertTrue(d.fire("resolver-1"));
    cluster.net.pump();
    assertTrue(d.fire("resolver-2"));
    assertEquals(9, d.status());
    assertEquals(";; communications error to 10.244.0.3#53: timed out\n;; communications error to 10.244.0.3#53: timed out\n"
        + "\n; <<>> DiG 9.18.33 <<>> @10.244.0.3 web.default.svc.cluster.local +tries=2\n; (1 server found)\n"
        + ";; global options: +cmd\n;; no servers could be reached\n", d.stdout());
    assertEquals(2, dns.log().size());

    FakeAppContext old = dig(DigDialect.BIND_9_9, "web.default.svc.cluster.local", "+tries=1");
    assertEquals("\n; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> web.default.svc.cluster.local +tries=1\n;; global options: +cmd\n",
        old.stdout(), "9.9 greets at once");
    assertTrue(old.fire("resolver-1"));
    assertEquals(9, old.status());
    assertTrue(old.stdout().endsWith(";; global options: +cmd\n;; connection timed out; no servers could be reached\n"),
        old.stdout());
  }

  @Test
  void aTruncatedReplyIsAskedAgainOverTcpAndPlusTcpAsksThereFirst() {
    dns.udpLimit(60);
    FakeAppContext d = dig("web.default.svc.cluster.local");
    assertTrue(d.stdout().startsWith(";; Truncated, retrying in TCP mode.\n\n; <<>> DiG 9.18.33"), d.stdout());
    assertTrue(d.stdout().contains(";; SERVER: 10.244.0.3#53(10.244.0.3) (TCP)\n"), d.stdout());
    FakeAppContext tcp = dig(DigDialect.BIND_9_9, "+tcp", "web.default.svc.cluster.local");
    assertTrue(tcp.stdout().contains("\n;; SERVER: 10.244.0.3#53(10.244.0.3)\n"), "9.9 names no transport: " + tcp.stdout());
    assertTrue(tcp.stdout().startsWith("\n; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> +tcp web.default.svc.cluster.local\n"
        + ";; global options: +cmd\n;; Got answer:\n"), "greeted once, before the answer: " + tcp.stdout());
    assertEquals(List.of("udp A web.default.svc.cluster.local.", "tcp A web.default.svc.cluster.local.",
        "tcp A web.default.svc.cluster.local."), dns.log());
  }

  @Test
  void badCommandLines() {
    FakeAppContext bogus = dig("+bogus", "web");
    assertEquals(1, bogus.status());
    assertTrue(bogus.stderr().startsWith("Invalid option: +bogus\nUsage:  dig [@global-server]"), bogus.stderr());
    FakeAppContext server = dig("@dns.nowhere", "web");
    assertEquals(10, server.status());
    assertEquals("dig: couldn't get address for 'dns.nowhere': not found\n", server.stderr());
    assertEquals("DiG 9.18.33\n", dig("-v").stderr());
  }
}
