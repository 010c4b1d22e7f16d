package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.protocols.api.calico.BGPPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** projectcalico.org/v3 BGPPeer: who peers, with whom, and the fields that exclude each other. */
class BGPPeerValidatorTest {
  static final String TOR = """
      apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata:
        name: tor
      spec:
        peerIP: "127.0.0.1:17900"
        asNumber: 65000
        nodeSelector: "rack == 'a'"
      """;
  static final String REFLECTORS = """
      apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata:
        name: peer-with-route-reflectors
      spec:
        nodeSelector: all()
        peerSelector: route-reflector == 'true'
      """;

  static List<String> tor(String from, String to) {
    return errors(TOR.replace(from, to), BGPPeer.class);
  }

  static List<String> reflectors(String from, String to) {
    return errors(REFLECTORS.replace(from, to), BGPPeer.class);
  }

  @Test
  void aRouterPeeringAndARouteReflectorPeeringAreValid() {
    assertEquals(List.of(), errors(TOR, BGPPeer.class));
    assertEquals(List.of(), errors(REFLECTORS, BGPPeer.class));
    assertEquals(List.of(), tor("\"127.0.0.1:17900\"", "10.0.0.1"), "the port is optional");
    assertEquals(List.of(), tor("\"127.0.0.1:17900\"", "\"[fd00::1]:179\""));
    assertEquals(List.of(), tor("nodeSelector: \"rack == 'a'\"", "node: w1"));
  }

  @Test
  void peerIpIsAnAddressWithAnOptionalPortAndNeedsAnAsNumber() {
    assertEquals(List.of("spec.peerIP: Invalid value: \"10.0.0.256\": bad peerIP: '10.0.0.256' (expected: an IP address with"
        + " an optional port, e.g. 10.0.0.1, 10.0.0.1:1790 or [fd00::1]:1790)"), tor("\"127.0.0.1:17900\"", "10.0.0.256"));
    assertEquals(List.of("spec.peerIP: Invalid value: \"10.0.0.1:70000\": bad port in peerIP: 70000 (expected: 1..65535)"),
        tor("\"127.0.0.1:17900\"", "\"10.0.0.1:70000\""));
    assertEquals(List.of("spec.asNumber: Required value: the peer's AS number is required with peerIP"),
        tor("  asNumber: 65000\n", ""));
  }

  @Test
  void peerSelectorExcludesPeerIpAndAsNumber() {
    assertEquals(List.of("spec.peerIP: Forbidden: may not be set with peerSelector",
        "spec.asNumber: Forbidden: may not be set with peerSelector"),
        reflectors("nodeSelector: all()", "nodeSelector: all()\n  peerIP: 10.0.0.1\n  asNumber: 65000"));
    assertEquals(List.of("spec.peerIP: Required value: either peerIP (with asNumber) or peerSelector must be set"),
        reflectors("  peerSelector: route-reflector == 'true'\n", ""));
  }

  @Test
  void nodeExcludesNodeSelector() {
    assertEquals(List.of("spec.nodeSelector: Forbidden: may not be set with node: a peering is for one node or for the nodes"
        + " a selector picks"), reflectors("nodeSelector: all()", "nodeSelector: all()\n  node: w1"));
    assertEquals("spec.node: Invalid value: \"W_1\"", reflectors("nodeSelector: all()", "node: W_1").get(0).substring(0, 31));
  }

  @Test
  void selectorsParseAndEnumerationsHold() {
    assertEquals(List.of("spec.peerSelector: Invalid value: \"route-reflector == true\": invalid selector: column 20: expected a"
        + " quoted value after '==', not label 'true' (e.g. route-reflector == 'x')"),
        reflectors("route-reflector == 'true'", "route-reflector == true"));
    assertEquals(List.of("spec.reversePeering: Unsupported value: \"Never\": supported values: \"Auto\", \"Manual\""),
        reflectors("nodeSelector: all()", "nodeSelector: all()\n  reversePeering: Never"));
    assertEquals(List.of("spec.sourceAddress: Unsupported value: \"NodeIP\": supported values: \"None\", \"UseNodeIP\""),
        tor("asNumber: 65000", "asNumber: 65000\n  sourceAddress: NodeIP"));
    assertEquals(List.of("spec.maxRestartTime: Invalid value: \"2\": must be a duration, e.g. 120s or 2m30s"),
        tor("asNumber: 65000", "asNumber: 65000\n  maxRestartTime: \"2\""));
  }
}
