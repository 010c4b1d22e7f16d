package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The resolv.conf the kubelet gives a pod, for each dnsPolicy, with dnsConfig merged and the libc limits applied. */
class PodDnsTest {
  private static final NodeDns NODE = new NodeDns(Ipv4Address.parse("10.96.0.10"), "cluster.local",
      List.of(Ipv4Address.parse("203.0.113.53"), Ipv4Address.parse("203.0.113.54")));

  private static PodDns.Config dns(String namespace, String spec) {
    return PodDns.of(PodSpecs.parse("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"client\",\"namespace\":\""
        + namespace + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]" + spec + "}}"), NODE);
  }

  @Test
  void clusterFirstIsTheDefaultWithTheNamespacesSearchList() {
    PodDns.Config c = dns("shop", "");
    assertEquals("search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
        c.resolvConf());
    assertEquals(List.of(), c.warnings());
    assertEquals(c, dns("shop", ",\"dnsPolicy\":\"ClusterFirst\""));
    assertEquals(c.resolvConf(), dns("shop", ",\"dnsPolicy\":\"ClusterFirstWithHostNet\",\"hostNetwork\":true").resolvConf(),
        "kubemu runs no pod in the node's network: WithHostNet is ClusterFirst");
  }

  @Test
  void defaultIsTheNodesOwnResolvConf() {
    assertEquals("nameserver 203.0.113.53\nnameserver 203.0.113.54\n", dns("kube-system", ",\"dnsPolicy\":\"Default\"").resolvConf());
    assertEquals("nameserver 203.0.113.53\nnameserver 203.0.113.54\n",
        dns("default", ",\"dnsPolicy\":\"ClusterFirst\",\"hostNetwork\":true").resolvConf(),
        "the kubelet falls back to Default for a ClusterFirst pod on the host's network");
  }

  @Test
  void noneTakesOnlyTheDnsConfig() {
    // The example of the Kubernetes documentation ("Pod's DNS Config").
    PodDns.Config c = dns("default", ",\"dnsPolicy\":\"None\",\"dnsConfig\":{\"nameservers\":[\"192.0.2.1\"],"
        + "\"searches\":[\"ns1.svc.cluster-domain.example\",\"my.dns.search.suffix\"],"
        + "\"options\":[{\"name\":\"ndots\",\"value\":\"2\"},{\"name\":\"edns0\"}]}");
    assertEquals("search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n",
        c.resolvConf());
    assertEquals("", dns("default", ",\"dnsPolicy\":\"None\"").resolvConf(), "nothing asked, nothing written");
  }

  @Test
  void dnsConfigIsAppendedWithoutDuplicatesAndItsOptionsWin() {
    PodDns.Config c = dns("default", ",\"dnsConfig\":{\"nameservers\":[\"10.96.0.10\",\"8.8.8.8\"],"
        + "\"searches\":[\"cluster.local\",\"corp.example\"],"
        + "\"options\":[{\"name\":\"ndots\",\"value\":\"2\"},{\"name\":\"single-request-reopen\"},{\"name\":\"timeout\",\"value\":\"1\"}]}");
    assertEquals(List.of("10.96.0.10", "8.8.8.8"), c.servers());
    assertEquals(List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example"), c.searches());
    assertEquals(List.of("ndots:2", "single-request-reopen", "timeout:1"), c.options());
  }

  @Test
  void aFourthNameserverIsLeftOutWithAWarning() {
    PodDns.Config c = dns("default", ",\"dnsConfig\":{\"nameservers\":[\"1.1.1.1\",\"8.8.8.8\",\"9.9.9.9\"]}");
    assertEquals(List.of("10.96.0.10", "1.1.1.1", "8.8.8.8"), c.servers());
    assertEquals(List.of("Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is:"
        + " 10.96.0.10 1.1.1.1 8.8.8.8"), c.warnings());
  }

  @Test
  void searchPathsStopAt32AndLongDomainsAreDropped() {
    String many = IntStream.range(0, 40).mapToObj(i -> "\"d" + i + ".example\"").collect(Collectors.joining(","));
    PodDns.Config c = dns("default", ",\"dnsPolicy\":\"None\",\"dnsConfig\":{\"searches\":[" + many + "]}");
    assertEquals(32, c.searches().size());
    assertEquals("d31.example", c.searches().get(31));
    assertEquals(1, c.warnings().size());
    String label = "a".repeat(63);
    String tooLong = String.join(".", label, label, label, label) + ".example"; // 263 characters
    PodDns.Config dropped = dns("default", ",\"dnsConfig\":{\"searches\":[\"" + tooLong + "\",\"ok.example\"]}");
    assertEquals(List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local", "ok.example"), dropped.searches());
    assertEquals(List.of("Search Line limits were exceeded, some search paths have been omitted, the applied search line is: "
        + "default.svc.cluster.local svc.cluster.local cluster.local ok.example"), dropped.warnings());
  }

  @Test
  void theSearchLineIsCutFromTheEndTo2048Characters() {
    String domain = "x".repeat(96) + ".org"; // with a digit before and after: 102 characters, all different
    String list = IntStream.range(0, 25).mapToObj(i -> "\"" + i % 10 + domain + i / 10 + "\"")
        .collect(Collectors.joining(","));
    PodDns.Config c = dns("default", ",\"dnsPolicy\":\"None\",\"dnsConfig\":{\"searches\":[" + list + "]}");
    // 20 domains of 102 characters make a line of 2059: too long; 19 make 1956.
    assertEquals(19, c.searches().size());
    assertEquals(1956, String.join(" ", c.searches()).length());
    assertEquals("8" + domain + "1", c.searches().get(18), "the first ones are kept");
  }

  @Test
  void anUnknownPolicyFallsBackToClusterFirst() {
    PodDns.Config c = dns("default", ",\"dnsPolicy\":\"Cluster\"");
    assertEquals(dns("default", "").resolvConf(), c.resolvConf());
    assertEquals(List.of("invalid DNSPolicy=Cluster (expected: ClusterFirst, ClusterFirstWithHostNet, Default or None);"
        + " falling back to ClusterFirst"), c.warnings());
  }
}
