package io.kubemu.nodes.app.dns.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubemu.nodes.app.FakeAppContext;
import io.kubemu.nodes.pod.PodFiles;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.TwoNodeCluster;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pod's lookups through the kube-dns Service as kubeadm makes it (10.96.0.10, UDP and TCP 53)
 * to a DNS pod on the other node, in each kube-proxy mode: the question DNATed across the VXLAN
 * overlay, the answer coming back from the cluster IP, and the TCP retry of a truncated answer
 * through the same Service.
 */
class ClusterDnsServiceTest {
  private static Service kubeDns() {
    return new ServiceBuilder().withNewMetadata().withNamespace("kube-system").withName("kube-dns").endMetadata()
        .withNewSpec().withType("ClusterIP").withClusterIP("10.96.0.10").withSelector(Map.of("k8s-app", "kube-dns"))
        .addNewPort().withName("dns").withProtocol("UDP").withPort(53).withTargetPort(new IntOrString(53)).endPort()
        .addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(53).withTargetPort(new IntOrString(53)).endPort()
        .endSpec().build();
  }

  private static EndpointSlice endpoints(String ip, String node) {
    return new EndpointSliceBuilder().withNewMetadata().withNamespace("kube-system").withName("kube-dns-x2k4p")
        .addToLabels(ProxyState.SERVICE_NAME_LABEL, "kube-dns").endMetadata().withAddressType("IPv4")
        .addNewPort().withName("dns").withProtocol("UDP").withPort(53).endPort()
        .addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(53).endPort()
        .addNewEndpoint().addToAddresses(ip).withNodeName(node).withNewConditions().withReady(true).withServing(true)
        .withTerminating(false).endConditions().endEndpoint().build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aLookupCrossesTheServiceToADnsPodOnAnotherNode(String mode) {
    TwoNodeCluster net = new TwoNodeCluster(mode).peered();
    PodStack client = net.pod(net.w1, "veth-w1-a", "10.244.0.2", 0xA);
    PodStack coredns = net.pod(net.w2, "veth-w2-a", "10.244.1.2", 0xB);
    FakeDnsServer dns = new FakeDnsServer("cluster.local.").record("web.default.svc.cluster.local. 30 IN A 10.96.0.20");
    new FakeAppContext(coredns, "coredns").start(dns);
    net.sync(ProxyState.from(List.of(kubeDns()), List.of(endpoints("10.244.1.2", "w2"))));

    for (Libc libc : Libc.values()) {
      ResolveProgram p = new ResolveProgram(libc);
      new FakeAppContext(client, "getent", "web").file(PodFiles.RESOLV_CONF, FakeDnsServer.clusterFirst("10.96.0.10")).start(p);
      net.pump();
      assertEquals(List.of(Ipv4Address.parse("10.96.0.20")), p.result.addresses(), mode + " " + libc);
    }
    dns.udpLimit(40);
    ResolveProgram truncated = new ResolveProgram(Libc.MUSL);
    new FakeAppContext(client, "getent", "web").file(PodFiles.RESOLV_CONF, FakeDnsServer.clusterFirst("10.96.0.10")).start(truncated);
    net.pump();
    assertEquals(Ipv4Address.parse("10.96.0.20"), truncated.result.first(), mode);
    assertEquals(List.of("udp A web.default.svc.cluster.local.", "udp A web.default.svc.cluster.local.",
        "udp A web.default.svc.cluster.local.", "tcp A web.default.svc.cluster.local."), dns.log());
  }
}
