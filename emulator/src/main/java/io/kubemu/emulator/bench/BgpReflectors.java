package io.kubemu.emulator.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.bgp.CalicoView;
import io.kubemu.protocols.api.calico.BGPConfiguration;
import io.kubemu.protocols.api.calico.BGPPeer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Route reflectors as Calico's documentation sets them up (examples/bgp-route-reflectors.yaml): the
 * default BGPConfiguration turns the node-to-node mesh off; nodes w1..wR get the label
 * {@code route-reflector=true} and the annotation {@code projectcalico.org/RouteReflectorClusterID};
 * one BGPPeer makes every node peer with the nodes that label selects. The view is what each node's
 * BGP speaker reads of those resources.
 */
final class BgpReflectors {
  static final String CLUSTER_ID = "244.0.0.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BgpReflectors() {}

  /** The view for {@code leases}' nodes, the first {@code reflectors} of them (w1..wR) reflectors. */
  static CalicoView view(Map<String, NodeLease> leases, int reflectors) {
    Map<String, CalicoView.NodeMeta> nodes = new TreeMap<>();
    for (NodeLease l : leases.values()) {
      boolean rr = BgpTopology.RR.reflector(io.kubemu.emulator.host.ClusterSettings.nodeIndex(l.node()), reflectors);
      nodes.put(l.node(), new CalicoView.NodeMeta(rr ? Map.of("route-reflector", "true") : Map.of(),
          rr ? Map.of(CalicoView.ROUTE_REFLECTOR_CLUSTER_ID, CLUSTER_ID) : Map.of(), l.nodeIp()));
    }
    BGPConfiguration noMesh = read("""
        {"apiVersion": "projectcalico.org/v3", "kind": "BGPConfiguration", "metadata": {"name": "default"},
         "spec": {"nodeToNodeMeshEnabled": false, "asNumber": 64512}}""", BGPConfiguration.class);
    BGPPeer toReflectors = read("""
        {"apiVersion": "projectcalico.org/v3", "kind": "BGPPeer", "metadata": {"name": "peer-with-route-reflectors"},
         "spec": {"nodeSelector": "all()", "peerSelector": "route-reflector == 'true'"}}""", BGPPeer.class);
    return new CalicoView(List.of(), Map.of(BGPConfiguration.DEFAULT, noMesh), List.of(toReflectors), nodes);
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the bench's own " + type.getSimpleName() + " does not read: " + e.getOriginalMessage(), e);
    }
  }
}
