package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pod's hostname, FQDN and the /etc/hosts the kubelet writes. */
class PodHostsTest {
  private static final Ipv4Address IP = Ipv4Address.parse("10.244.1.7");

  private static Pod pod(String name, String spec) {
    return PodSpecs.parse("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"shop\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]" + spec + "}}");
  }

  @Test
  void thePodsHostnameIsItsNameOrSpecHostnameCutTo63() {
    assertEquals("web-7d4f-x2", PodHosts.hostname(pod("web-7d4f-x2", "")));
    assertEquals("db-0", PodHosts.hostname(pod("web-7d4f-x2", ",\"hostname\":\"db-0\"")));
    String longName = "a".repeat(61) + "-.b" + "c".repeat(10);
    assertEquals("a".repeat(61), PodHosts.hostname(pod(longName, "")), "no trailing '-' or '.' after the cut");
  }

  @Test
  void aSubdomainGivesAnFqdnUnderTheNamespace() {
    Pod p = pod("db-0", ",\"hostname\":\"db-0\",\"subdomain\":\"db\"");
    assertEquals("db.shop.svc.cluster.local", PodHosts.hostDomain(p, "cluster.local"));
    assertEquals("", PodHosts.hostDomain(pod("web", ""), "cluster.local"));
    assertEquals("# Kubernetes-managed hosts file.\n"
        + "127.0.0.1\tlocalhost\n"
        + "::1\tlocalhost ip6-localhost ip6-loopback\n"
        + "fe00::0\tip6-localnet\n"
        + "fe00::0\tip6-mcastprefix\n"
        + "fe00::1\tip6-allnodes\n"
        + "fe00::2\tip6-allrouters\n"
        + "10.244.1.7\tdb-0.db.shop.svc.cluster.local\tdb-0\n",
        PodHosts.managedHostsFile(IP, "db-0", PodHosts.hostDomain(p, "cluster.local"), p.getSpec().getHostAliases()));
  }

  @Test
  void hostAliasesFollowUnderTheirHeader() {
    // The example of the Kubernetes documentation ("Adding entries to Pod /etc/hosts with HostAliases").
    Pod p = pod("hostaliases-pod", ",\"hostAliases\":[{\"ip\":\"127.0.0.1\",\"hostnames\":[\"foo.local\",\"bar.local\"]},"
        + "{\"ip\":\"10.1.2.3\",\"hostnames\":[\"foo.remote\",\"bar.remote\"]}]");
    String hosts = PodHosts.managedHostsFile(IP, PodHosts.hostname(p), "", p.getSpec().getHostAliases());
    assertEquals(List.of("fe00::2\tip6-allrouters", "10.244.1.7\thostaliases-pod", "", "# Entries added by HostAliases.",
        "127.0.0.1\tfoo.local\tbar.local", "10.1.2.3\tfoo.remote\tbar.remote"),
        List.of(hosts.split("\n", -1)).subList(6, 12));
    assertEquals("", hosts.substring(hosts.length() - 1).replace("\n", ""), "the file ends with a newline");
  }
}
