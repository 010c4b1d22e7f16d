package io.kubemu.nodes.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubemu.nodes.proxy.ProxyFixtures;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.TwoNodeCluster;
import io.kubemu.nodes.stack.PodStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real client's UDP flow through the host gateway: its datagrams leave from a gateway port of
 * their own to a UDP node port, kube-proxy takes them to a pod on the other node, and the pod's
 * answer comes back to that flow; a node port without endpoints is refused by ICMP.
 */
class GatewayFlowsTest {
  private TwoNodeCluster net;
  private final List<GatewayEvent> events = new ArrayList<>();

  /** An echo server on the w2 pod's UDP port 7, behind a NodePort Service on 30053/udp. */
  private GatewayFlows cluster(String mode, boolean endpoints) {
    net = new TwoNodeCluster(mode).peered();
    PodStack echo = net.pod(net.w2, "veth-w2-a", "10.244.1.2", 0xB);
    echo.bindUdp(7, d -> echo.sendUdp(7, d.source(), d.sourcePort(),
        ("echo from " + d.source() + ": " + new String(d.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
    var svc = ProxyFixtures.service("dns", "10.96.0.10", 53, 7).editSpec().withType("NodePort").editFirstPort().withProtocol("UDP")
        .withNodePort(30053).endPort().endSpec().build();
    EndpointSlice slice = new EndpointSliceBuilder(ProxyFixtures.slice("dns", 7, "10.244.1.2@w2")).editFirstPort().withProtocol("UDP")
        .endPort().build();
    net.sync(ProxyState.from(List.of(svc), endpoints ? List.of(slice) : List.of()));
    return new GatewayFlows(net.gateway());
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void eachRealClientsDatagramsReachAPodThroughAUdpNodePortAndTheAnswersComeBack(String mode) {
    GatewayFlows flows = cluster(mode, true);
    flows.send(1, net.w1.eth0().address(), 30053, "one".getBytes(StandardCharsets.UTF_8), events::add);
    flows.send(2, net.w1.eth0().address(), 30053, "two".getBytes(StandardCharsets.UTF_8), events::add);
    net.pump();
    assertEquals(2, events.size(), events.toString());
    GatewayEvent.Datagram first = (GatewayEvent.Datagram) events.get(0);
    assertEquals(1, first.id());
    assertEquals("echo from 10.244.0.0: one", new String(first.payload(), StandardCharsets.UTF_8),
        "masqueraded, as kube-proxy does for node ports, to the address of the device towards w2 (flannel.1)");
    assertEquals(2, events.get(1).id());
    assertEquals(2, flows.size(), "a gateway port per flow");
    flows.end(1);
    assertEquals(1, flows.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aUdpNodePortWithoutEndpointsIsRefused(String mode) {
    GatewayFlows flows = cluster(mode, false);
    flows.send(1, net.w1.eth0().address(), 30053, "anyone?".getBytes(StandardCharsets.UTF_8), events::add);
    net.pump();
    assertEquals(List.of(new GatewayEvent.Unreachable(1, "Connection refused")).toString(), events.toString());
  }
}
