package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kubelet writes each pod's resolv.conf and hosts file from the Pod and the node's DNS settings; cat prints them. */
class NodeAgentPodFilesTest {
  static ActorTestKit kit;
  static ActorRef<NodeAgent.Command> node;

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create();
    NodeDns dns = new NodeDns(Ipv4Address.parse("10.100.0.10"), "kubemu.test", List.of(Ipv4Address.parse("192.0.2.53")));
    NodeConfig c = new NodeConfig("w5", "h1", Ipv4Address.parse("172.18.0.6"), Ipv4Cidr.parse("172.18.0.0/16"),
        Ipv4Cidr.parse("10.244.4.0/24"), Ipv4Cidr.parse("10.244.0.0/16"), "flannel-vxlan", 1450, Duration.ofSeconds(1),
        "iptables", "rr", dns, io.kubemu.nodes.bgp.BgpTimers.DEFAULT);
    TestProbe<KubeletReport> api = kit.createTestProbe();
    node = kit.spawn(NodeAgent.create(c, api.getRef(), lease -> { }), "node-w5");
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  private static void run(String name, String namespace, String spec) {
    node.tell(new NodeAgent.RunPod("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
        + namespace + "\",\"uid\":\"u-" + name + "\"},\"spec\":{\"nodeName\":\"w5\",\"containers\":[{\"name\":\"c\","
        + "\"image\":\"busybox:1.36\",\"command\":[\"sleep\",\"infinity\"]},{\"name\":\"web\",\"image\":\"nginx\"}]" + spec + "}}"));
  }

  private static ExecResult exec(String name, String namespace, String container, String... argv) {
    TestProbe<ExecResult> reply = kit.createTestProbe();
    node.tell(new NodeAgent.ExecInPod(namespace, name, container, List.of(argv), new byte[0], 10_000, null, reply.getRef()));
    return reply.receiveMessage(Duration.ofSeconds(10));
  }

  @Test
  void aClusterFirstPodAsksTheClusterDnsWithItsNamespacesSearchList() {
    run("client", "shop", "");
    ExecResult r = exec("client", "shop", "c", "cat", "/etc/resolv.conf");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("search shop.svc.kubemu.test svc.kubemu.test kubemu.test\nnameserver 10.100.0.10\noptions ndots:5\n", r.stdout());
  }

  @Test
  void dnsPolicyNoneDnsConfigAndHostAliasesReachEveryContainer() {
    run("custom", "default", ",\"hostname\":\"db-0\",\"subdomain\":\"db\",\"dnsPolicy\":\"None\",\"dnsConfig\":{"
        + "\"nameservers\":[\"192.0.2.1\"],\"searches\":[\"corp.example\"],\"options\":[{\"name\":\"ndots\",\"value\":\"2\"}]},"
        + "\"hostAliases\":[{\"ip\":\"10.1.2.3\",\"hostnames\":[\"foo.remote\",\"bar.remote\"]}]");
    ExecResult resolv = exec("custom", "default", "c", "cat", "/etc/resolv.conf");
    assertEquals("search corp.example\nnameserver 192.0.2.1\noptions ndots:2\n", resolv.stdout());
    ExecResult hosts = exec("custom", "default", "web", "cat", "/etc/hosts");
    assertEquals(0, hosts.exitCode(), hosts.stderr());
    assertEquals("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
        + "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n"
        + "10.244.4.3\tdb-0.db.default.svc.kubemu.test\tdb-0\n\n# Entries added by HostAliases.\n10.1.2.3\tfoo.remote\tbar.remote\n",
        hosts.stdout().replaceAll("10\\.244\\.4\\.\\d+\t", "10.244.4.3\t"));
    ExecResult hostname = exec("custom", "default", "c", "hostname");
    assertEquals("db-0\n", hostname.stdout());
  }

  @Test
  void defaultGivesTheNodesNameserversAndMissingFilesAreSaidSo() {
    run("coredns", "kube-system", ",\"dnsPolicy\":\"Default\"");
    assertEquals("nameserver 192.0.2.53\n", exec("coredns", "kube-system", "c", "cat", "/etc/resolv.conf").stdout());
    ExecResult busybox = exec("coredns", "kube-system", "c", "cat", "/etc/resolv.conf", "/etc/shadow");
    assertEquals(1, busybox.exitCode());
    assertEquals("nameserver 192.0.2.53\n", busybox.stdout(), "the files that exist are printed");
    assertEquals("cat: can't open '/etc/shadow': No such file or directory\n", busybox.stderr());
    ExecResult debian = exec("coredns", "kube-system", "web", "cat", "/etc/shadow");
    assertEquals(1, debian.exitCode());
    assertEquals("cat: /etc/shadow: No such file or directory\n", debian.stderr());
  }
}
