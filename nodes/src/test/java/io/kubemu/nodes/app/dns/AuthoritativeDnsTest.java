package io.kubemu.nodes.app.dns;

import static io.kubemu.nodes.app.dns.DnsFixtures.answer;
import static io.kubemu.nodes.app.dns.DnsFixtures.query;
import static io.kubemu.nodes.app.dns.DnsLab.UPSTREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.FakeAppContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/** The external hosts' nameserver as a program: its arguments, UDP and TCP service, its own ns1 address. */
class AuthoritativeDnsTest {
  private final DnsLab lab = new DnsLab();

  private Message udp(Message q) {
    return DnsLab.parse(lab.udpRaw(UPSTREAM, q.toWire()).get(0).payload());
  }

  @Test
  void itServesItsZoneOverUdpAndTcp() {
    assertNull(lab.upstream.status());
    assertEquals("dns-server: serving example.com on :53 (udp, tcp)\n", lab.upstream.stdout());
    Message reply = udp(query("www.example.com", "A"));
    assertTrue(reply.getHeader().getFlag(Flags.AA));
    assertEquals(List.of("www.example.com. 300 A 203.0.113.10"), answer(reply));
    assertEquals(List.of("example.com. 300 A 203.0.113.10"), answer(lab.tcp(UPSTREAM, query("example.com", "A")).get(0)));
    assertEquals(List.of("ns1.example.com. 300 A 10.244.0.5"), answer(udp(query("ns1.example.com", "A"))),
        "ns1 is the server's own address");
    assertEquals(Rcode.REFUSED, udp(query("kubernetes.default.svc.cluster.local", "A")).getRcode());
    assertEquals(3, lab.upstreamApp.metrics().get("dns_requests_total", "proto", "udp", "type", "A"));
    assertEquals(1, lab.upstreamApp.metrics().get("dns_requests_total", "proto", "tcp", "type", "A"));
  }

  @Test
  void cnamesTextAndTtlComeFromItsArguments() {
    FakeAppContext c = new FakeAppContext(lab.client, "/dns-server", "-zone=corp.example", "-ttl=60", "-port", "5353",
        "-record=db.corp.example=2001:db8::5", "-cname=www.corp.example=db.corp.example", "-txt=corp.example=v=spf1 -all");
    c.start(new AuthoritativeDns());
    assertNull(c.status(), c.stderr());
    assertEquals("dns-server: serving corp.example on :5353 (udp, tcp)\n", c.stdout());
    Message aaaa = DnsLab.parse(lab.udpRaw(lab.client.address(), 5353, query("www.corp.example", "AAAA").toWire()).get(0).payload());
    assertEquals(List.of("db.corp.example. 60 AAAA 2001:db8:0:0:0:0:0:5", "www.corp.example. 60 CNAME db.corp.example."), answer(aaaa));
    Message txt = DnsLab.parse(lab.udpRaw(lab.client.address(), 5353, query("corp.example", "TXT").toWire()).get(0).payload());
    assertEquals(List.of("corp.example. 60 TXT \"v=spf1 -all\""), answer(txt));
  }

  @Test
  void badArgumentsStopItWithGosUsage() {
    FakeAppContext none = new FakeAppContext(lab.client, "/dns-server", "-record=a.example=1.2.3.4").start(new AuthoritativeDns());
    assertEquals(2, none.status());
    assertTrue(none.stderr().startsWith("dns-server: no -zone given"), none.stderr());
    assertTrue(none.stderr().contains("Usage of /dns-server:\n"), none.stderr());
    FakeAppContext outside = new FakeAppContext(lab.client, "/dns-server", "-zone=example.com", "-record=a.example.org=1.2.3.4")
        .start(new AuthoritativeDns());
    assertTrue(outside.stderr().contains("record a.example.org. is outside every zone [example.com.]"), outside.stderr());
    FakeAppContext notIp = new FakeAppContext(lab.client, "/dns-server", "-zone=example.com", "-record=a.example.com=web")
        .start(new AuthoritativeDns());
    assertTrue(notIp.stderr().startsWith("dns-server: -record a.example.com=web: 'web' is not an IP address"), notIp.stderr());
    FakeAppContext port = new FakeAppContext(lab.client, "/dns-server", "-zone=example.com", "-port=0").start(new AuthoritativeDns());
    assertTrue(port.stderr().startsWith("dns-server: invalid value \"0\" for flag -port (expected: 1..65535)"), port.stderr());
    FakeAppContext taken = new FakeAppContext(lab.upstreamPod, "/dns-server", "-zone=example.com").start(new AuthoritativeDns());
    assertEquals(1, taken.status());
    assertEquals("dns-server: listen :53: address already in use\n", taken.stderr());
  }

  @Test
  void sigtermStopsIt() {
    lab.upstreamApp.onTerminate();
    assertEquals(0, lab.upstream.status());
  }
}
