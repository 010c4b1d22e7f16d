package io.kubemu.nodes.app.dns;

import static io.kubemu.nodes.app.dns.DnsFixtures.answer;
import static io.kubemu.nodes.app.dns.DnsFixtures.cluster;
import static io.kubemu.nodes.app.dns.DnsFixtures.query;
import static io.kubemu.nodes.app.dns.DnsLab.KUBE_DNS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubemu.nodes.app.ClusterView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * CoreDNS answering real DNS messages in UDP and TCP packets that reach it through the kube-dns
 * Service's cluster IP: cluster names from its own view, truncation and the retry over TCP,
 * EDNS0, and names outside the cluster forwarded to the upstream nameserver pod.
 */
class CoreDnsTrafficTest {
  private final DnsLab lab = new DnsLab();

  /** The cluster, plus the headless Service "big" with {@code n} ready endpoints 10.244.2.1 and up. */
  private static ClusterView withBig(int n) {
    List<Service> services = new ArrayList<>(DnsFixtures.services());
    services.add(DnsFixtures.service("default", "big", List.of("None"), DnsFixtures.port("http", "TCP", 80)));
    EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName("big-x1")
        .addToLabels(ClusterIndex.SERVICE_NAME_LABEL, "big").endMetadata().withAddressType("IPv4")
        .addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort();
    for (int i = 1; i <= n; i++) {
      b.addNewEndpoint().addToAddresses("10.244.2." + i).endEndpoint();
    }
    List<EndpointSlice> slices = new ArrayList<>(DnsFixtures.slices());
    slices.add(b.build());
    return new ClusterView(services, slices, List.of(), List.of(), List.of());
  }

  @Test
  void aUdpQueryToTheClusterIpIsAnsweredFromCoreDnssView() {
    lab.start(cluster());
    Message q = query("web.default.svc.cluster.local", "A");
    Message reply = lab.udp(q);
    assertEquals(q.getHeader().getID(), reply.getHeader().getID());
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertTrue(reply.getHeader().getFlag(Flags.AA));
    assertEquals(List.of("web.default.svc.cluster.local. 5 A 10.96.0.31"), answer(reply));
    assertEquals(Rcode.NXDOMAIN, lab.udp(query("nope.default.svc.cluster.local", "A")).getRcode());
    assertEquals(2, lab.app.metrics().get("dns_requests_total", "proto", "udp", "type", "A"));
  }

  @Test
  void severalQueriesOnOneTcpConnectionAreEachAnswered() {
    lab.start(cluster());
    Message a = query("web.default.svc.cluster.local", "A");
    Message srv = query("_http._tcp.web.default.svc.cluster.local", "SRV");
    Message ptr = query("31.0.96.10.in-addr.arpa", "PTR");
    List<Message> answers = lab.tcp(KUBE_DNS, a, srv, ptr);
    assertEquals(3, answers.size());
    assertEquals(List.of(a.getHeader().getID(), srv.getHeader().getID(), ptr.getHeader().getID()),
        answers.stream().map(m -> m.getHeader().getID()).toList());
    assertEquals(List.of("31.0.96.10.in-addr.arpa. 5 PTR web.default.svc.cluster.local."), answer(answers.get(2)));
  }

  @Test
  void anAnswerTooBigForUdpIsTruncatedAndComesWholeOverTcp() {
    lab.start(withBig(60));
    Message q = query("big.default.svc.cluster.local", "A");
    Message udp = lab.udp(q);
    assertTrue(udp.getHeader().getFlag(Flags.TC), "60 addresses do not fit in 512 bytes");
    assertTrue(udp.numBytes() <= 512, "the truncated answer fits 512 bytes: " + udp.numBytes());
    assertTrue(answer(udp).size() < 60);
    Message tcp = lab.tcp(KUBE_DNS, q).get(0);
    assertFalse(tcp.getHeader().getFlag(Flags.TC));
    assertEquals(60, answer(tcp).size());
  }

  @Test
  void ednsRaisesTheUdpLimitAndIsEchoedButNoAnswerExceedsTheLink() {
    lab.start(withBig(60));
    Message q = query("big.default.svc.cluster.local", "A");
    q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    Message fits = lab.udp(q);
    assertFalse(fits.getHeader().getFlag(Flags.TC), "60 A records fit in 1232 bytes");
    assertEquals(60, answer(fits).size());
    assertEquals(1232, fits.getOPT().getPayloadSize(), "EDNS0 is echoed");
    lab.coredns.cluster(withBig(200));
    Message huge = query("big.default.svc.cluster.local", "A");
    huge.addRecord(new OPTRecord(65000, 0, 0), Section.ADDITIONAL);
    Message cut = lab.udp(huge);
    assertTrue(cut.getHeader().getFlag(Flags.TC), "200 records do not fit the pod's 1450-byte link");
    assertTrue(cut.numBytes() <= 1450 - 28, "the datagram fits the link unfragmented: " + cut.numBytes());
    assertEquals(200, answer(lab.tcp(KUBE_DNS, huge).get(0)).size());
  }

  @Test
  void namesOutsideTheClusterAreForwardedToTheUpstreamAndItsAnswerRelayed() {
    lab.start(cluster());
    Message q = query("www.example.com", "A");
    Message reply = lab.udp(q);
    assertEquals(q.getHeader().getID(), reply.getHeader().getID(), "the client's ID, not the relay's");
    assertEquals(List.of("www.example.com. 300 A 203.0.113.10"), answer(reply));
    assertTrue(reply.getHeader().getFlag(Flags.AA), "the upstream's authoritative answer, relayed as it came");
    assertEquals(Rcode.NXDOMAIN, lab.udp(query("nope.example.com", "A")).getRcode());
    assertEquals(Rcode.REFUSED, lab.udp(query("example.org", "A")).getRcode(), "the upstream serves no such zone");
    assertEquals(3, lab.app.metrics().get("forward_requests_total", "to", DnsLab.UPSTREAM + ":53"));
    assertEquals(0, lab.app.metrics().total("forward_failures_total"));
  }

  @Test
  void aReverseNameCoreDnsDoesNotKnowFallsThroughToTheUpstream() {
    lab.start(cluster());
    assertEquals(Rcode.REFUSED, lab.udp(query("10.113.0.203.in-addr.arpa", "PTR")).getRcode(),
        "relayed: the upstream holds no reverse zone");
    assertEquals(List.of("31.0.96.10.in-addr.arpa. 5 PTR web.default.svc.cluster.local."),
        answer(lab.udp(query("31.0.96.10.in-addr.arpa", "PTR"))));
  }

  @Test
  void aTcpClientsQueryIsForwardedOverTcp() {
    lab.start(cluster());
    Message reply = lab.tcp(KUBE_DNS, query("example.com", "A")).get(0);
    assertEquals(List.of("example.com. 300 A 203.0.113.10"), answer(reply));
    assertEquals(1, lab.upstreamApp.metrics().get("dns_requests_total", "proto", "tcp", "type", "A"));
  }

  @Test
  void anUpstreamThatNeverAnswersEndsInServfailAndAnErrorLine() {
    lab.upstream.kill();
    lab.start(cluster());
    Message q = query("www.example.com", "A");
    assertEquals(List.of(), lab.udpRaw(KUBE_DNS, q.toWire()), "no answer while the relay waits");
    int fired = 0;
    while (lab.coredns.timers().keySet().stream().anyMatch(k -> k.startsWith("forward:"))) {
      String key = lab.coredns.timers().keySet().stream().filter(k -> k.startsWith("forward:")).findFirst().orElseThrow();
      assertTrue(lab.coredns.timers().get(key).compareTo(Forwarder.ATTEMPT) <= 0);
      lab.coredns.fire(key);
      fired++;
      lab.net.pump();
    }
    assertEquals(3, fired, "2 s, 2 s, then the last 1 s of the 5 s budget");
    assertEquals(1, lab.app.metrics().get("dns_responses_total", "rcode", "SERVFAIL"));
    assertTrue(lab.coredns.stdout().contains("[ERROR] plugin/errors: 2 www.example.com. A: read udp 10.244.0.2:"), lab.coredns.stdout());
    assertTrue(lab.coredns.stdout().contains("->10.244.0.5:53: i/o timeout"), lab.coredns.stdout());
  }
}
