package io.kubemu.nodes.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.kubemu.nodes.bgp.CalicoView.NodeMeta;
import io.kubemu.nodes.bgp.CalicoView.Peer;
import io.kubemu.protocols.addr.IpAddress;
import io.kubemu.protocols.api.calico.BGPConfiguration;
import io.kubemu.protocols.api.calico.BGPConfigurationSpec;
import io.kubemu.protocols.api.calico.BGPPeer;
import io.kubemu.protocols.api.calico.CidrBlock;
import io.kubemu.protocols.api.calico.IPPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calico's view for the BGP speakers: settings per node, the mesh, route reflectors, and who peers with whom. */
class CalicoViewTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static <T> T yaml(String text, Class<T> type) {
    try {
      return YAML.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BGPPeer peer(String name, String spec) {
    return yaml("apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: " + name + "}\nspec: " + spec, BGPPeer.class);
  }

  private static BGPConfiguration config(String name, String spec) {
    return yaml("apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: " + name + "}\nspec: " + spec,
        BGPConfiguration.class);
  }

  private static NodeMeta node(int index, Map<String, String> labels, Map<String, String> annotations) {
    return new NodeMeta(labels, annotations, IpAddress.parse("172.18.0." + (index + 1)));
  }

  /** w1..w4 on racks a, a, b, b; w2 and w3 are route reflectors of cluster 244.0.0.1; w4 speaks its own AS. */
  private static final Map<String, NodeMeta> NODES = Map.of(
      "w1", node(1, Map.of("rack", "a"), Map.of()),
      "w2", node(2, Map.of("rack", "a", "route-reflector", "true"), Map.of(CalicoView.ROUTE_REFLECTOR_CLUSTER_ID, "244.0.0.1")),
      "w3", node(3, Map.of("rack", "b", "route-reflector", "true"), Map.of(CalicoView.ROUTE_REFLECTOR_CLUSTER_ID, "244.0.0.1")),
      "w4", node(4, Map.of("rack", "b"), Map.of(CalicoView.AS_NUMBER, "65004")));

  private static CalicoView view(List<BGPConfiguration> configs, BGPPeer... peers) {
    Map<String, BGPConfiguration> byName = new java.util.TreeMap<>();
    configs.forEach(c -> byName.put(c.getMetadata().getName(), c));
    return new CalicoView(List.of(), byName, List.of(peers), NODES);
  }

  private static List<String> peerNodes(CalicoView view, String node) {
    return view.peersOf(node).stream().map(Peer::node).toList();
  }

  @Test
  void withoutConfigurationCalicosDefaultsHold() {
    BGPConfigurationSpec w1 = CalicoView.EMPTY.bgpConfiguration("w1");
    assertEquals(Boolean.TRUE, w1.getNodeToNodeMeshEnabled());
    assertEquals(64512, w1.getAsNumber().value().getAsLong());
    assertEquals(179, w1.getListenPort());
    assertEquals("Info", w1.getLogSeverityScreen());
    assertTrue(CalicoView.EMPTY.meshEnabled());
    assertEquals(64512, CalicoView.EMPTY.asNumber("w1"));
    assertEquals(List.of(), CalicoView.EMPTY.peersOf("w1"));
    assertEquals("", CalicoView.EMPTY.routeReflectorClusterId("w1"));
  }

  @Test
  void aNodesConfigurationOverridesTheDefaultFieldByField() {
    CalicoView view = view(List.of(
        config("default", "{nodeToNodeMeshEnabled: false, asNumber: 65000, listenPort: 179, serviceClusterIPs: [{cidr: 10.96.0.0/12}]}"),
        config("node.w1", "{listenPort: 1790, logSeverityScreen: Debug}")));
    BGPConfigurationSpec w1 = view.bgpConfiguration("w1");
    assertEquals(1790, w1.getListenPort());
    assertEquals("Debug", w1.getLogSeverityScreen());
    assertEquals(65000, w1.getAsNumber().value().getAsLong());
    assertEquals(List.of(new CidrBlock("10.96.0.0/12")), w1.getServiceClusterIPs());
    assertEquals(179, view.bgpConfiguration("w2").getListenPort());
    assertFalse(view.meshEnabled());
    assertEquals(65000, view.asNumber("w1"));
    assertEquals(65004, view.asNumber("w4"), "a node's own AS annotation wins");
  }

  @Test
  void routeReflectorsPeerWithEveryNodeAndTheNodesWithThem() {
    CalicoView view = view(List.of(config("default", "{nodeToNodeMeshEnabled: false}")),
        peer("peer-with-route-reflectors", "{nodeSelector: all(), peerSelector: route-reflector == 'true'}"));
    assertEquals(List.of("w2", "w3"), peerNodes(view, "w1"));
    assertEquals(List.of("w3", "w1", "w4"), peerNodes(view, "w2"), "the other reflector, then the clients (reverse peering)");
    assertEquals(List.of("w2", "w3"), peerNodes(view, "w4"));
    Peer reflector = view.peersOf("w4").get(0);
    assertEquals(new Peer("w2", IpAddress.parse("172.18.0.3"), 179, 64512, false, "peer-with-route-reflectors"), reflector);
    assertEquals(65004, view.peersOf("w2").get(2).asNumber(), "a node peer speaks the AS of that node");
    assertEquals("244.0.0.1", view.routeReflectorClusterId("w2"));
    assertEquals("", view.routeReflectorClusterId("w1"));
  }

  @Test
  void manualReversePeeringLeavesTheReflectorsSideToAnotherPeer() {
    CalicoView view = view(List.of(), peer("clients", "{nodeSelector: route-reflector != 'true', peerSelector: route-reflector == 'true',"
        + " reversePeering: Manual}"));
    assertEquals(List.of("w2", "w3"), peerNodes(view, "w1"));
    assertEquals(List.of(), view.peersOf("w2"));
  }

  @Test
  void aRouterPeerIsForTheNodesItSelects() {
    CalicoView view = view(List.of(), peer("tor", "{peerIP: '127.0.0.1:17900', asNumber: 65000, nodeSelector: \"rack == 'a'\"}"),
        peer("w4-tor", "{peerIP: 10.0.0.1, asNumber: '1.10', node: w4, keepOriginalNextHop: true}"));
    assertEquals(List.of(new Peer(null, IpAddress.parse("127.0.0.1"), 17900, 65000, false, "tor")), view.peersOf("w1"));
    assertEquals(view.peersOf("w1"), view.peersOf("w2"));
    assertEquals(List.of(), view.peersOf("w3"));
    Peer w4 = view.peersOf("w4").get(0);
    assertFalse(w4.isNode());
    assertEquals(179, w4.port(), "BGP's port when the peerIP has none");
    assertEquals(65536 + 10, w4.asNumber());
    assertTrue(w4.keepOriginalNextHop());
  }

  @Test
  void aGlobalPeerToANodesAddressIsThatNodeBothWaysButNotItself() {
    CalicoView view = view(List.of(config("node.w3", "{listenPort: 1790}")), peer("to-w3", "{peerIP: 172.18.0.4, asNumber: 64512}"));
    Peer toW3 = view.peersOf("w1").get(0);
    assertEquals("w3", toW3.node());
    assertEquals(1790, toW3.port(), "w3 listens on its own configuration's port");
    assertEquals(List.of("w1", "w2", "w4"), peerNodes(view, "w3"), "w3 peers back with every node the peer selects");
    CalicoView wrongAs = view(List.of(), peer("to-w3", "{peerIP: 172.18.0.4, asNumber: 65000}"));
    assertEquals(List.of(), wrongAs.peersOf("w3"), "a node at that address but in another AS is not peered back");
  }

  @Test
  void theViewOfWatchedObjectsTakesLabelsAnnotationsAndTheInternalIp() {
    Node w2 = new NodeBuilder().withNewMetadata().withName("w2").addToLabels("route-reflector", "true")
        .addToAnnotations(CalicoView.ROUTE_REFLECTOR_CLUSTER_ID, "244.0.0.1").endMetadata()
        .withNewStatus().addNewAddress().withType("Hostname").withAddress("w2").endAddress()
        .addNewAddress().withType("InternalIP").withAddress("172.18.0.3").endAddress().endStatus().build();
    IPPool pool = yaml("apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: default-ipv4-ippool}\n"
        + "spec: {cidr: 10.244.0.0/16}", IPPool.class);
    CalicoView view = CalicoView.of(List.of(pool), List.of(config("default", "{asNumber: 65000}")), List.of(), List.of(w2,
        new NodeBuilder().withNewMetadata().withName("w1").endMetadata().build()));
    assertEquals(IpAddress.parse("172.18.0.3"), view.nodes().get("w2").address());
    assertEquals("true", view.nodes().get("w2").labels().get("route-reflector"));
    assertEquals("244.0.0.1", view.routeReflectorClusterId("w2"));
    assertNull(view.nodes().get("w1").address());
    assertEquals(List.of(pool), view.pools());
    assertEquals(65000, view.asNumber("w1"));
    assertEquals(view, CalicoView.of(List.of(pool), List.of(config("default", "{asNumber: 65000}")), List.of(), List.of(w2,
        new NodeBuilder().withNewMetadata().withName("w1").endMetadata().build())), "equal objects make equal views");
  }
}
