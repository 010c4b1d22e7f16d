package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.protocols.api.calico.BGPConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** projectcalico.org/v3 BGPConfiguration: names, default-only fields, AS numbers, CIDRs, ports and enumerations. */
class BGPConfigurationValidatorTest {
  static final String CONFIG = """
      apiVersion: projectcalico.org/v3
      kind: BGPConfiguration
      metadata:
        name: default
      spec:
        logSeverityScreen: Info
        nodeToNodeMeshEnabled: false
        asNumber: 64512
        serviceClusterIPs: [{cidr: 10.96.0.0/12}]
        serviceLoadBalancerIPs: [{cidr: 172.18.255.0/24}]
        listenPort: 179
      """;

  static List<String> config(String from, String to) {
    return errors(CONFIG.replace(from, to), BGPConfiguration.class);
  }

  @Test
  void aDefaultConfigurationIsValid() {
    assertEquals(List.of(), errors(CONFIG, BGPConfiguration.class));
    assertEquals(List.of(), config("asNumber: 64512", "asNumber: \"1.10\""), "dotted AS numbers, as numorstring takes them");
    assertEquals(List.of(), config("asNumber: 64512", "asNumber: 4294967295"));
    assertEquals(List.of(), config("logSeverityScreen: Info", "logSeverityScreen: debug"), "case does not matter");
  }

  @Test
  void theNameIsDefaultOrOneNodes() {
    assertEquals(List.of("metadata.name: Invalid value: \"global\": must be \"default\" (the cluster's) or \"node.<node name>\""
        + " (one node's), e.g. node.w1"), config("name: default", "name: global").subList(0, 1));
    assertEquals(List.of(), config("name: default", "name: node.w1").stream().filter(e -> e.startsWith("metadata")).toList());
  }

  @Test
  void aNodesConfigurationLeavesTheClusterWideFieldsToTheDefault() {
    assertEquals(List.of("spec.nodeToNodeMeshEnabled: Forbidden: may only be set in the BGPConfiguration named \"default\"",
        "spec.asNumber: Forbidden: may only be set in the BGPConfiguration named \"default\"",
        "spec.serviceClusterIPs: Forbidden: may only be set in the BGPConfiguration named \"default\""),
        config("name: default", "name: node.w1"));
  }

  @Test
  void asNumbersAreOneTo2To32MinusOne() {
    String range = "must be an AS number from 1 to 4294967295, or dotted with both halves 0..65535 (e.g. 64512 or \"1.10\")";
    assertEquals(List.of("spec.asNumber: Invalid value: 0: " + range), config("asNumber: 64512", "asNumber: 0"));
    assertEquals(List.of("spec.asNumber: Invalid value: 4294967296: " + range), config("asNumber: 64512", "asNumber: 4294967296"));
    assertEquals(List.of("spec.asNumber: Invalid value: \"1.65536\": " + range), config("asNumber: 64512", "asNumber: \"1.65536\""));
    assertEquals(List.of("spec.asNumber: Invalid value: \"-1\": " + range), config("asNumber: 64512", "asNumber: \"-1\""));
  }

  @Test
  void serviceCidrsPortAndEnumerations() {
    assertEquals(List.of("spec.serviceClusterIPs[0].cidr: Invalid value: \"10.96.0.0\": must be a valid CIDR value, (e.g."
        + " 10.9.8.0/24 or 2001:db8::/64)"), config("cidr: 10.96.0.0/12", "cidr: 10.96.0.0"));
    assertEquals(List.of("spec.serviceLoadBalancerIPs[0].cidr: Required value"), config("[{cidr: 172.18.255.0/24}]", "[{}]"));
    assertEquals(List.of("spec.listenPort: Invalid value: 0: must be between 1 and 65535, inclusive"),
        config("listenPort: 179", "listenPort: 0"));
    assertEquals(List.of("spec.logSeverityScreen: Unsupported value: \"Loud\": supported values: \"Trace\", \"Debug\", \"Info\","
        + " \"Warning\", \"Error\", \"Fatal\""), config("logSeverityScreen: Info", "logSeverityScreen: Loud"));
    assertEquals(List.of("spec.bindMode: Unsupported value: \"Any\": supported values: \"NodeIP\", \"None\""),
        config("listenPort: 179", "bindMode: Any"));
  }

  @Test
  void communitiesAndMeshOnlyFields() {
    assertEquals(List.of("spec.communities[0].value: Invalid value: \"64512-300\": must be aa:nn (standard) or aa:nn:mm (large)"),
        config("listenPort: 179", "communities: [{name: c, value: 64512-300}]"));
    assertEquals(List.of("spec.nodeMeshMaxRestartTime: Forbidden: cannot be set when nodeToNodeMeshEnabled is false"),
        config("listenPort: 179", "nodeMeshMaxRestartTime: 120s"));
    assertEquals(List.of("spec.nodeMeshMaxRestartTime: Invalid value: \"2 minutes\": must be a duration, e.g. 120s or 2m30s"),
        config("nodeToNodeMeshEnabled: false", "nodeMeshMaxRestartTime: 2 minutes"));
  }
}
