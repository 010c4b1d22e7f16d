package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The services bench's options: defaults pass, and every bad value fails saying what was expected. */
class ServicesOptionsTest {
  private static ServicesOptions options(int hosts, int nodes, int endpoints) {
    return new ServicesOptions(List.of("iptables"), hosts, nodes, endpoints, 16, 3, 10, 10_000, 5, "1g", "auto", true);
  }

  private static void fails(String message, Executable e) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  @Test
  void theDefaultsPass() {
    ServicesOptions o = new ServicesOptions(ServicesOptions.parseModes("iptables,nftables,ipvs"), 3, 3, 4, 16, 3, 10, 10_000, 5,
        "1g", "auto", true);
    assertEquals(List.of("iptables", "nftables", "ipvs"), o.modes());
    assertTrue(o.describe().contains(" 4 agnhost serve-hostname pods on the nodes of h2..h3 "), o.describe());
    assertTrue(options(2, 2, 1).describe().contains(" pods on the nodes of h2 "), options(2, 2, 1).describe());
  }

  @Test
  void modesAreKnownAndGivenOnce() {
    assertEquals(List.of("ipvs", "iptables"), ServicesOptions.parseModes("ipvs, iptables"));
    fails("--modes: unknown proxy mode 'userspace' (expected: a comma-separated list of iptables, ipvs, nftables)",
        () -> ServicesOptions.parseModes("iptables,userspace"));
    fails("--modes: unknown proxy mode '' (expected: a comma-separated list of iptables, ipvs, nftables)",
        () -> ServicesOptions.parseModes("iptables,"));
    fails("--modes: ipvs twice", () -> ServicesOptions.parseModes("ipvs,ipvs"));
  }

  @Test
  void theClusterMustPutTheEndpointsOffTheClientsJvm() {
    fails("--hosts 1 (expected: 2..16: the client on h1, the endpoints on the others)", () -> options(1, 3, 4));
    fails("--nodes 2 (expected: 3..1000, at least one per host)", () -> options(3, 2, 4));
    // 5 nodes on 3 hosts: w1 and w4 on h1, so 3 nodes of 110 pods each elsewhere
    assertEquals(3, ServicesOptions.nodesAwayFromH1(3, 5));
    fails("--endpoints 331 (expected: 1..330: the 3 nodes off h1 take at most 110 pods each)", () -> options(3, 5, 331));
    fails("--endpoints 0 (expected: 1..220: the 2 nodes off h1 take at most 110 pods each)", () -> options(3, 3, 0));
  }

  @Test
  void everyOtherValueIsChecked() {
    fails("--connections 0 (expected: 1..1024)",
        () -> new ServicesOptions(List.of("ipvs"), 2, 2, 1, 0, 3, 10, 0, 5, "1g", "auto", true));
    fails("--duration 0 (expected: 1..3600 seconds)",
        () -> new ServicesOptions(List.of("ipvs"), 2, 2, 1, 1, 3, 0, 0, 5, "1g", "auto", true));
    fails("--sync-endpoints 21 (expected: 1..20 per Service)",
        () -> new ServicesOptions(List.of("ipvs"), 2, 2, 1, 1, 3, 1, 10, 21, "1g", "auto", true));
    fails("--host-heap 'lots' (expected: a -Xmx size such as 1g)",
        () -> new ServicesOptions(List.of("ipvs"), 2, 2, 1, 1, 3, 1, 10, 5, "lots", "auto", true));
    fails("--load-client ab (expected: auto, wrk, java)",
        () -> new ServicesOptions(List.of("ipvs"), 2, 2, 1, 1, 3, 1, 10, 5, "1g", "ab", true));
    fails("--skip-traffic with --sync-services 0 leaves nothing to measure",
        () -> new ServicesOptions(List.of("ipvs"), 2, 2, 1, 1, 3, 1, 0, 5, "1g", "auto", false));
  }
}
