package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.protocols.api.calico.IPPool;
import java.util.List;
import org.junit.jupiter.api.Test;

/** projectcalico.org/v3 IPPool: the checks of Calico's API server that need no other pool. */
class IPPoolValidatorTest {
  static final String POOL = """
      apiVersion: projectcalico.org/v3
      kind: IPPool
      metadata:
        name: default-ipv4-ippool
      spec:
        cidr: 10.244.0.0/16
        blockSize: 26
        ipipMode: Always
        vxlanMode: Never
        natOutgoing: true
        nodeSelector: all()
      """;

  static List<String> pool(String from, String to) {
    return errors(POOL.replace(from, to), IPPool.class);
  }

  @Test
  void calicosDefaultPoolIsValid() {
    assertEquals(List.of(), errors(POOL, IPPool.class));
    assertEquals(List.of(), pool("  blockSize: 26\n", ""), "the block size defaults to 26");
  }

  @Test
  void theCidrIsAnIpv4NetworkWithoutHostBits() {
    assertEquals(List.of("spec.cidr: Required value: the pool's addresses, e.g. 10.244.0.0/16"), pool("  cidr: 10.244.0.0/16\n", ""));
    assertEquals(List.of("spec.cidr: Invalid value: \"10.244.0.1/16\": must have no host bits set (expected: 10.244.0.0/16)"),
        pool("10.244.0.0/16", "10.244.0.1/16"));
    assertEquals(List.of("spec.cidr: Invalid value: \"10.244.0.0\": must be a valid CIDR, e.g. 10.244.0.0/16"),
        pool("10.244.0.0/16", "10.244.0.0"));
    assertEquals(List.of("spec.cidr: Invalid value: \"fd00::/48\": must be an IPv4 CIDR: kubemu's pod network is IPv4 only"),
        pool("10.244.0.0/16", "fd00::/48"));
    assertEquals(List.of("spec.cidr: Invalid value: \"169.254.0.0/20\": overlaps the IPv4 link-local range 169.254.0.0/16"),
        pool("10.244.0.0/16", "169.254.0.0/20"));
  }

  @Test
  void blocksAreSlash20ToSlash32AndFitInThePool() {
    assertEquals(List.of("spec.blockSize: Invalid value: 19: IPv4 block size must be between 20 and 32, inclusive"),
        pool("blockSize: 26", "blockSize: 19"));
    assertEquals(List.of("spec.blockSize: Invalid value: 33: IPv4 block size must be between 20 and 32, inclusive"),
        pool("blockSize: 26", "blockSize: 33"));
    assertEquals(List.of("spec.cidr: Invalid value: \"10.244.0.0/28\": the pool is smaller than one block: a /28 cannot hold"
        + " a /26 block (expected: a prefix length of at most 26)"), pool("10.244.0.0/16", "10.244.0.0/28"));
    assertEquals(List.of(), pool("10.244.0.0/16", "10.244.0.0/28\n  disabled: true"), "a disabled pool may be small");
  }

  @Test
  void oneEncapsulationOfThreeModes() {
    assertEquals(List.of("spec.ipipMode: Unsupported value: \"always\": supported values: \"Always\", \"CrossSubnet\", \"Never\""),
        pool("ipipMode: Always", "ipipMode: always"));
    assertEquals(List.of("spec.vxlanMode: Invalid value: \"CrossSubnet\": cannot enable both VXLAN and IPIP on the same IPPool"),
        pool("vxlanMode: Never", "vxlanMode: CrossSubnet"));
    assertEquals(List.of(), pool("ipipMode: Always", "ipipMode: Never").stream().toList());
  }

  @Test
  void selectorsUsesAndAssignmentMode() {
    assertEquals(List.of("spec.nodeSelector: Invalid value: \"rack = 'a'\": invalid selector: column 6: expected '==', not a"
        + " single '='"), pool("nodeSelector: all()", "nodeSelector: \"rack = 'a'\""));
    assertEquals(List.of("spec.allowedUses[1]: Unsupported value: \"Pods\": supported values: \"LoadBalancer\", \"Tunnel\","
        + " \"Workload\""), pool("natOutgoing: true", "allowedUses: [Workload, Pods]"));
    assertEquals(List.of("spec.assignmentMode: Unsupported value: \"Auto\": supported values: \"Automatic\", \"Manual\""),
        pool("natOutgoing: true", "assignmentMode: Auto"));
  }
}
