package io.kubemu.nodes.app.dns;

import static io.kubemu.nodes.app.dns.DnsFixtures.COREDNS_POD;
import static io.kubemu.nodes.app.dns.DnsFixtures.answer;
import static io.kubemu.nodes.app.dns.DnsFixtures.cluster;
import static io.kubemu.nodes.app.dns.DnsFixtures.query;
import static io.kubemu.nodes.app.dns.DnsFixtures.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.ClusterView;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/**
 * The kubernetes plugin's answers, record type by record type of the DNS specification 1.1.0,
 * and CoreDNS's answers where the specification leaves room: NXDOMAIN versus NODATA, SOA in
 * authority, TTL 5, case kept as asked, no wildcards.
 */
class KubernetesZoneTest {
  private static final String SOA = "cluster.local. 5 SOA ns.dns.cluster.local. hostmaster.cluster.local. 42 7200 1800 86400 5";

  private static KubernetesZone zone(KubernetesConfig config, ClusterView view, boolean synced) {
    return new KubernetesZone(config, ClusterIndex.of(view), 42, synced, List.of(COREDNS_POD));
  }

  private static Message ask(String name, String type) {
    Message query = query(name, type);
    Message reply = zone(KubernetesConfig.kubeadm("cluster.local"), cluster(), true).answer(query).orElseThrow();
    assertEquals(query.getHeader().getID(), reply.getHeader().getID());
    assertTrue(reply.getHeader().getFlag(Flags.QR));
    assertTrue(reply.getHeader().getFlag(Flags.RD), "RD is copied from the query");
    assertFalse(reply.getHeader().getFlag(Flags.RA), "CoreDNS's kubernetes answers are not recursive");
    assertEquals(query.getQuestion(), reply.getQuestion());
    return reply;
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      web.default.svc.cluster.local       | A     | NOERROR  | web.default.svc.cluster.local. 5 A 10.96.0.31
      WEB.Default.Svc.Cluster.Local       | A     | NOERROR  | WEB.Default.Svc.Cluster.Local. 5 A 10.96.0.31
      kube-dns.kube-system.svc.cluster.local | A  | NOERROR  | kube-dns.kube-system.svc.cluster.local. 5 A 10.96.0.10
      v6.default.svc.cluster.local        | A     | NOERROR  | v6.default.svc.cluster.local. 5 A 10.96.0.50
      v6.default.svc.cluster.local        | AAAA  | NOERROR  | v6.default.svc.cluster.local. 5 AAAA fd00:0:0:0:0:0:0:50
      noports.default.svc.cluster.local   | A     | NOERROR  | noports.default.svc.cluster.local. 5 A 10.96.0.60
      db.default.svc.cluster.local        | A     | NOERROR  | db.default.svc.cluster.local. 5 A 10.244.1.5; db.default.svc.cluster.local. 5 A 10.244.1.6; db.default.svc.cluster.local. 5 A 10.244.1.8
      db-0.db.default.svc.cluster.local   | A     | NOERROR  | db-0.db.default.svc.cluster.local. 5 A 10.244.1.5
      DB-1.db.default.svc.cluster.local   | A     | NOERROR  | DB-1.db.default.svc.cluster.local. 5 A 10.244.1.6
      10-244-1-8.db.default.svc.cluster.local | A | NOERROR  | 10-244-1-8.db.default.svc.cluster.local. 5 A 10.244.1.8
      10-244-1-3.web.default.svc.cluster.local | A | NOERROR | 10-244-1-3.web.default.svc.cluster.local. 5 A 10.244.1.3
      db-2.db.default.svc.cluster.local   | A     | NXDOMAIN |
      empty.default.svc.cluster.local     | A     | NXDOMAIN |
      nope.default.svc.cluster.local      | A     | NXDOMAIN |
      web.nosuchns.svc.cluster.local      | A     | NXDOMAIN |
      nosuchns.svc.cluster.local          | A     | NXDOMAIN |
      default.svc.cluster.local           | A     | NOERROR  |
      svc.cluster.local                   | A     | NOERROR  |
      cluster.local                       | A     | NOERROR  |
      web.default.svc.cluster.local       | AAAA  | NOERROR  |
      db.default.svc.cluster.local        | AAAA  | NOERROR  |
      web.default.svc.cluster.local       | MX    | NOERROR  |
      nope.default.svc.cluster.local      | MX    | NXDOMAIN |
      web.default.svc.cluster.local       | HINFO | NOERROR  |
      a.b.web.default.svc.cluster.local   | A     | NXDOMAIN |
      x.a.b.web.default.svc.cluster.local | A     | NXDOMAIN |
      *.default.svc.cluster.local         | A     | NXDOMAIN |
      web.*.svc.cluster.local             | A     | NXDOMAIN |
      web.default.other.cluster.local     | A     | NXDOMAIN |
      search.default.svc.cluster.local    | A     | NOERROR  | search.default.svc.cluster.local. 5 CNAME www.example.com.
      search.default.svc.cluster.local    | CNAME | NOERROR  | search.default.svc.cluster.local. 5 CNAME www.example.com.
      alias.default.svc.cluster.local     | A     | NOERROR  | alias.default.svc.cluster.local. 5 CNAME web.default.svc.cluster.local.; web.default.svc.cluster.local. 5 A 10.96.0.31
      web.default.svc.cluster.local       | CNAME | NOERROR  |
      ipext.default.svc.cluster.local     | A     | NXDOMAIN |
      _http._tcp.search.default.svc.cluster.local | SRV | NXDOMAIN |
      dns-version.cluster.local           | TXT   | NOERROR  | dns-version.cluster.local. 28800 TXT 1.1.0
      web.default.svc.cluster.local       | TXT   | NOERROR  |
      nope.default.svc.cluster.local      | TXT   | NXDOMAIN |
      10-244-1-99.default.pod.cluster.local | A   | NOERROR  | 10-244-1-99.default.pod.cluster.local. 5 A 10.244.1.99
      10-244-1-99.default.pod.cluster.local | AAAA | NOERROR |
      fd00--99.default.pod.cluster.local  | AAAA  | NOERROR  | fd00--99.default.pod.cluster.local. 5 AAAA fd00:0:0:0:0:0:0:99
      10-244-1-99.nosuchns.pod.cluster.local | A  | NXDOMAIN |
      not-an-ip.default.pod.cluster.local | A     | NXDOMAIN |
      default.pod.cluster.local           | A     | NOERROR  |
      31.0.96.10.in-addr.arpa             | PTR   | NOERROR  | 31.0.96.10.in-addr.arpa. 5 PTR web.default.svc.cluster.local.
      5.1.244.10.in-addr.arpa             | PTR   | NOERROR  | 5.1.244.10.in-addr.arpa. 5 PTR db-0.db.default.svc.cluster.local.
      8.1.244.10.in-addr.arpa             | PTR   | NOERROR  | 8.1.244.10.in-addr.arpa. 5 PTR 10-244-1-8.db.default.svc.cluster.local.
      0.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa | PTR | NOERROR | 0.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa. 5 PTR v6.default.svc.cluster.local.
      web.default.svc.cluster.local       | PTR   | NOERROR  |
      nope.default.svc.cluster.local      | PTR   | NXDOMAIN |
      cluster.local                       | SOA   | NOERROR  | cluster.local. 5 SOA ns.dns.cluster.local. hostmaster.cluster.local. 42 7200 1800 86400 5
      web.default.svc.cluster.local       | SOA   | NOERROR  |
      cluster.local                       | NS    | NOERROR  | cluster.local. 5 NS kube-dns.kube-system.svc.cluster.local.
      ns.dns.cluster.local                | A     | NOERROR  | ns.dns.cluster.local. 5 A 10.96.0.10
      """)
  void answersAsCoreDns(String name, String type, String rcode, String answers) {
    Message reply = ask(name, type);
    List<String> expected = answers == null ? List.of() : Arrays.stream(answers.split(";")).map(String::trim).sorted().toList();
    assertEquals(rcode, Rcode.string(reply.getRcode()), reply.toString());
    assertTrue(reply.getHeader().getFlag(Flags.AA), "the zone's answers are authoritative");
    assertEquals(expected, answer(reply), reply.toString());
    assertEquals(expected.isEmpty() ? List.of(SOA) : List.of(), section(reply, Section.AUTHORITY),
        "NXDOMAIN and NODATA carry the zone's SOA, answers do not");
  }

  @Test
  void theSchemaVersionIsOneTextString() {
    TXTRecord txt = (TXTRecord) ask("dns-version.cluster.local", "TXT").getSection(Section.ANSWER).get(0);
    assertEquals(List.of("1.1.0"), txt.getStrings());
  }

  @Test
  void srvForANamedPortOfAClusterIpServiceTargetsTheServiceWithItsAddressAdded() {
    Message reply = ask("_http._tcp.web.default.svc.cluster.local", "SRV");
    assertEquals(List.of("_http._tcp.web.default.svc.cluster.local. 5 SRV 0 100 80 web.default.svc.cluster.local."), answer(reply));
    assertEquals(List.of("web.default.svc.cluster.local. 5 A 10.96.0.31"), section(reply, Section.ADDITIONAL));
    assertEquals(List.of("_dns._udp.kube-dns.kube-system.svc.cluster.local. 5 SRV 0 100 53 kube-dns.kube-system.svc.cluster.local."),
        answer(ask("_dns._udp.kube-dns.kube-system.svc.cluster.local", "SRV")));
  }

  @Test
  void srvForAHeadlessServiceHasOneRecordPerReadyEndpointSharingTheWeight() {
    Message reply = ask("_pg._tcp.db.default.svc.cluster.local", "SRV");
    assertEquals(List.of(
        "_pg._tcp.db.default.svc.cluster.local. 5 SRV 0 33 5432 10-244-1-8.db.default.svc.cluster.local.",
        "_pg._tcp.db.default.svc.cluster.local. 5 SRV 0 33 5432 db-0.db.default.svc.cluster.local.",
        "_pg._tcp.db.default.svc.cluster.local. 5 SRV 0 33 5432 db-1.db.default.svc.cluster.local."), answer(reply));
    assertEquals(List.of("10-244-1-8.db.default.svc.cluster.local. 5 A 10.244.1.8", "db-0.db.default.svc.cluster.local. 5 A 10.244.1.5",
        "db-1.db.default.svc.cluster.local. 5 A 10.244.1.6"), section(reply, Section.ADDITIONAL));
  }

  @Test
  void srvWithoutAMatchingPortOrProtocolIsNxdomainAndWithoutPortsNodata() {
    assertEquals(Rcode.NXDOMAIN, ask("_http._udp.web.default.svc.cluster.local", "SRV").getRcode());
    assertEquals(Rcode.NXDOMAIN, ask("_https._tcp.web.default.svc.cluster.local", "SRV").getRcode());
    Message noPorts = ask("noports.default.svc.cluster.local", "SRV");
    assertEquals(Rcode.NOERROR, noPorts.getRcode());
    assertEquals(List.of(), answer(noPorts));
    // A plain SRV query names every port; dns (53/UDP) and dns-tcp (53/TCP) make one record, as CoreDNS drops duplicates
    // after sharing the weight among all three.
    assertEquals(List.of("kube-dns.kube-system.svc.cluster.local. 5 SRV 0 33 53 kube-dns.kube-system.svc.cluster.local.",
        "kube-dns.kube-system.svc.cluster.local. 5 SRV 0 33 9153 kube-dns.kube-system.svc.cluster.local."),
        answer(ask("kube-dns.kube-system.svc.cluster.local", "SRV")));
  }

  @Test
  void theApexNsNamesTheServiceInFrontOfThisServerWithItsAddress() {
    Message reply = ask("cluster.local", "NS");
    assertEquals(List.of("kube-dns.kube-system.svc.cluster.local. 5 A 10.96.0.10"), section(reply, Section.ADDITIONAL));
    Message alone = new KubernetesZone(KubernetesConfig.kubeadm("cluster.local"), ClusterIndex.of(cluster()), 42, true,
        List.of("10.244.9.9")).answer(query("cluster.local", "NS")).orElseThrow();
    assertEquals(List.of("cluster.local. 5 NS ns.dns.cluster.local."), answer(alone), "no Service fronts this server");
  }

  @Test
  void unknownReverseNamesFallThroughToTheNextPluginAndNamesOutsideTheZonesAreNotAnswered() {
    KubernetesZone kubeadm = zone(KubernetesConfig.kubeadm("cluster.local"), cluster(), true);
    assertEquals(Optional.empty(), kubeadm.answer(query("99.99.99.10.in-addr.arpa", "PTR")));
    assertEquals(Optional.empty(), kubeadm.answer(query("10.in-addr.arpa", "PTR")), "a partial reverse name");
    assertEquals(Optional.empty(), kubeadm.answer(query("31.0.96.10.in-addr.arpa", "A")));
    assertEquals(Optional.empty(), kubeadm.answer(query("example.com", "A")));
    assertFalse(kubeadm.serves(Name.fromConstantString("example.com.")));
    assertTrue(kubeadm.serves(Name.fromConstantString("WEB.default.svc.Cluster.Local.")));
    // cluster.local names never fall through: only the reverse zones are listed.
    assertEquals(Rcode.NXDOMAIN, kubeadm.answer(query("nope.default.svc.cluster.local", "A")).orElseThrow().getRcode());
  }

  @Test
  void withoutFallthroughAnUnknownReverseNameIsNxdomainWithTheReverseZonesSoa() {
    KubernetesConfig noFall = new KubernetesConfig(KubernetesConfig.kubeadm("cluster.local").zones(),
        KubernetesConfig.PodMode.INSECURE, KubernetesConfig.Fallthrough.NONE, 5, Set.of(), false, false);
    Message reply = zone(noFall, cluster(), true).answer(query("99.99.99.10.in-addr.arpa", "PTR")).orElseThrow();
    assertEquals(Rcode.NXDOMAIN, reply.getRcode());
    assertEquals(List.of("in-addr.arpa. 5 SOA ns.dns.in-addr.arpa. hostmaster.in-addr.arpa. 42 7200 1800 86400 5"),
        section(reply, Section.AUTHORITY));
  }

  @Test
  void aMessageWithoutAQuestionIsFormerr() {
    Message empty = new Message(7);
    assertEquals(Rcode.FORMERR, KubernetesZone.of(cluster(), "cluster.local").answer(empty).orElseThrow().getRcode());
  }

  @Test
  void zoneTransfersAreRefused() {
    Message reply = ask("cluster.local", "AXFR");
    assertEquals(Rcode.REFUSED, reply.getRcode());
    assertEquals(List.of(), answer(reply));
  }

  @Test
  void theStanzasTtlIsEveryRecordsTtlAndTheSoaMinimum() {
    KubernetesConfig ttl30 = new KubernetesConfig(KubernetesConfig.kubeadm("cluster.local").zones(),
        KubernetesConfig.PodMode.INSECURE, KubernetesConfig.kubeadm("cluster.local").fallthrough(), 30, Set.of(), false, false);
    KubernetesZone z = zone(ttl30, cluster(), true);
    assertEquals(List.of("web.default.svc.cluster.local. 30 A 10.96.0.31"), answer(z.answer(query("web.default.svc.cluster.local",
        "A")).orElseThrow()));
    assertEquals(List.of("cluster.local. 30 SOA ns.dns.cluster.local. hostmaster.cluster.local. 42 7200 1800 86400 30"),
        section(z.answer(query("nope.default.svc.cluster.local", "A")).orElseThrow(), Section.AUTHORITY));
  }

  @Test
  void beforeTheInformerSyncedAMissingNameIsServfailNotNxdomain() {
    KubernetesZone unsynced = new KubernetesZone(KubernetesConfig.kubeadm("cluster.local"), ClusterIndex.EMPTY, 42, false, List.of());
    assertEquals(Rcode.SERVFAIL, unsynced.answer(query("web.default.svc.cluster.local", "A")).orElseThrow().getRcode());
    assertEquals(Rcode.NOERROR, unsynced.answer(query("dns-version.cluster.local", "TXT")).orElseThrow().getRcode());
  }

  @Test
  void anotherClusterDomainIsServedAndPtrNamesUseIt() {
    KubernetesZone z = zone(KubernetesConfig.kubeadm("kubemu.test"), cluster(), true);
    assertEquals(List.of("web.default.svc.kubemu.test. 5 A 10.96.0.31"), answer(z.answer(query("web.default.svc.kubemu.test", "A"))
        .orElseThrow()));
    assertEquals(List.of("31.0.96.10.in-addr.arpa. 5 PTR web.default.svc.kubemu.test."),
        answer(z.answer(query("31.0.96.10.in-addr.arpa", "PTR")).orElseThrow()));
    assertEquals(Optional.empty(), z.answer(query("web.default.svc.cluster.local", "A")));
  }

  @Test
  void podsDisabledAnswersNoPodNamesAndNamespacesLimitWhatIsAnswered() {
    KubernetesConfig k = KubernetesConfig.kubeadm("cluster.local");
    KubernetesZone disabled = zone(new KubernetesConfig(k.zones(), KubernetesConfig.PodMode.DISABLED, k.fallthrough(), 5, Set.of(),
        false, false), cluster(), true);
    assertEquals(Rcode.NXDOMAIN, disabled.answer(query("10-244-1-99.default.pod.cluster.local", "A")).orElseThrow().getRcode());
    KubernetesZone onlyKubeSystem = zone(new KubernetesConfig(k.zones(), k.pods(), k.fallthrough(), 5, Set.of("kube-system"), false,
        false), cluster(), true);
    assertEquals(Rcode.NXDOMAIN, onlyKubeSystem.answer(query("web.default.svc.cluster.local", "A")).orElseThrow().getRcode());
    assertEquals(Rcode.NOERROR, onlyKubeSystem.answer(query("kube-dns.kube-system.svc.cluster.local", "A")).orElseThrow()
        .getRcode());
  }

  @Test
  void aServiceWithoutEndpointsHasItsClusterIpUnlessIgnoreEmptyServiceIsSet() {
    ClusterView noEndpoints = new ClusterView(cluster().services(), List.of(), List.of(), List.of(), List.of());
    KubernetesConfig k = KubernetesConfig.kubeadm("cluster.local");
    assertEquals(Rcode.NOERROR, zone(k, noEndpoints, true).answer(query("web.default.svc.cluster.local", "A")).orElseThrow()
        .getRcode());
    KubernetesConfig ignore = new KubernetesConfig(k.zones(), k.pods(), k.fallthrough(), 5, Set.of(), false, true);
    assertEquals(Rcode.NXDOMAIN, zone(ignore, noEndpoints, true).answer(query("web.default.svc.cluster.local", "A")).orElseThrow()
        .getRcode());
  }

  @Test
  void theViewIsReadAsItIsNow() {
    ClusterView empty = new ClusterView(List.of(), List.of(), List.of(), List.of(), List.of());
    assertEquals(Rcode.NXDOMAIN, zone(KubernetesConfig.kubeadm("cluster.local"), empty, true)
        .answer(query("web.default.svc.cluster.local", "A")).orElseThrow().getRcode());
    assertEquals(List.of("web.default.svc.cluster.local. 5 A 10.96.0.31"),
        answer(KubernetesZone.of(cluster(), "cluster.local").answer(query("web.default.svc.cluster.local", "A")).orElseThrow()));
  }
}
