package io.kubemu.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.kubemu.emulator.host.ClusterSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsOptionTest {
  /** The settings every host would read after {@code up --set} with {@code set}. */
  private static ClusterSettings settings(List<String> set) {
    SettingsOption.check(set);
    return ClusterSettings.from(ConfigFactory.parseString(SettingsOption.hocon(set)).withFallback(ConfigFactory.load()));
  }

  @Test
  void aSettingReachesTheClusterSettings() {
    ClusterSettings s = settings(List.of("pod-eviction-timeout=30s", "kubemu.cluster.node-monitor-grace-period = 3s"));
    assertEquals(Duration.ofSeconds(30), s.podEvictionTimeout());
    assertEquals(Duration.ofSeconds(3), s.nodeGracePeriod());
  }

  @Test
  void unknownKeysBadValuesAndMissingEqualsAreRefused() {
    CliException unknown = assertThrows(CliException.class, () -> SettingsOption.check(List.of("pod-evict=3s")));
    assertTrue(unknown.getMessage().contains("unknown setting kubemu.cluster.pod-evict"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("pod-eviction-timeout"), unknown.getMessage());
    CliException bad = assertThrows(CliException.class, () -> SettingsOption.check(List.of("pod-eviction-timeout=soon")));
    assertTrue(bad.getMessage().contains("pod-eviction-timeout"), bad.getMessage());
    assertThrows(CliException.class, () -> SettingsOption.check(List.of("pod-eviction-timeout")));
  }

  @Test
  void theServiceCidrIsASettingAndMayNotOverlapThePodOrNodeNetworks() {
    ClusterSettings s = settings(List.of("service-cidr=10.100.0.0/16"));
    assertEquals("10.100.0.1", s.services().apiServerAddress().toString());
    CliException overlap = assertThrows(CliException.class, () -> SettingsOption.check(List.of("service-cidr=10.240.0.0/12")));
    assertTrue(overlap.getMessage().contains("overlaps 10.244.0.0/16"), overlap.getMessage());
    CliException tooBig = assertThrows(CliException.class, () -> SettingsOption.check(List.of("service-cidr=10.0.0.0/8")));
    assertTrue(tooBig.getMessage().contains("expected: a prefix of /12 to /30"), tooBig.getMessage());
  }

  @Test
  void theEndpointsPerSliceAreASetting() {
    ClusterSettings s = settings(List.of("max-endpoints-per-slice=10"));
    assertEquals(10, s.controllers().maxEndpointsPerSlice());
    CliException bad = assertThrows(CliException.class, () -> SettingsOption.check(List.of("max-endpoints-per-slice=0")));
    assertTrue(bad.getMessage().contains("expected: 1..1000"), bad.getMessage());
  }

  @Test
  void externalHostsAreAListSetting() {
    ClusterSettings s = settings(List.of("external-hosts=[{ name = db.example, address = \"198.51.100.5\", image = nginx }]"));
    assertEquals("db.example", s.externalHosts().get(0).name());
    assertEquals(List.of(), settings(List.of("external-hosts=[]")).externalHosts());
    CliException bad = assertThrows(CliException.class,
        () -> SettingsOption.check(List.of("external-hosts=[{ name = x, address = \"10.244.0.9\", image = nginx }]")));
    assertTrue(bad.getMessage().contains("external-hosts[0].address: 10.244.0.9 is inside the cluster CIDR"), bad.getMessage());
  }

  @Test
  void nodeSegmentsAreCheckedWithTheBackendUpWasGiven() {
    assertEquals(2, settings(List.of("node-segments=2")).nodeSegments().count());
    CliException hostGw = assertThrows(CliException.class,
        () -> SettingsOption.check("kubemu.cluster.backend = \"flannel-host-gw\"\n", List.of("node-segments=2")));
    assertTrue(hostGw.getMessage().contains("host-gw needs every node on one L2 network"), hostGw.getMessage());
    assertTrue(hostGw.getMessage().contains("172.18.0.0/17, 172.18.128.0/17"), hostGw.getMessage());
    CliException bad = assertThrows(CliException.class, () -> SettingsOption.check(List.of("node-segments=0")));
    assertTrue(bad.getMessage().contains("bad kubemu.cluster.node-segments: 0 (expected: 1..64)"), bad.getMessage());
  }

  @Test
  void theLoadBalancerPoolIsASetting() {
    ClusterSettings s = settings(List.of("load-balancer-pool=172.18.200.0/30,172.18.201.1-172.18.201.2"));
    assertEquals("172.18.200.0-172.18.200.3,172.18.201.1-172.18.201.2", s.controllers().loadBalancerPool().toString());
    CliException bad = assertThrows(CliException.class, () -> SettingsOption.check(List.of("load-balancer-pool=172.18.200.1")));
    assertTrue(bad.getMessage().contains("bad load balancer pool entry"), bad.getMessage());
  }
}
