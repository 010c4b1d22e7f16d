package io.kubemu.emulator.controllers.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.FakeCluster;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LoadBalancer addresses from the pool, as MetalLB assigns them, read back from the Services every time. */
class LoadBalancerReconcilerTest {
  private final FakeCluster cluster = new FakeCluster(Instant.parse("2026-11-22T10:00:00Z"));
  private final LoadBalancerReconciler controller =
      new LoadBalancerReconciler(AddressPool.parse("172.18.255.200-172.18.255.202"));

  private Service service(String name, String type, String loadBalancerIp) {
    return cluster.create(new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withType(type).withLoadBalancerIP(loadBalancerIp).addNewPort().withPort(80).endPort().endSpec().build());
  }

  private String external(String name) {
    Service s = cluster.get(Service.class, "Service", "default", name);
    if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null || s.getStatus().getLoadBalancer().getIngress().isEmpty()) {
      return "<pending>";
    }
    var ingress = s.getStatus().getLoadBalancer().getIngress().get(0);
    return ingress.getIp() + "/" + ingress.getIpMode();
  }

  @Test
  void aLoadBalancerGetsTheLowestFreeAddressAndKeepsIt() {
    service("a", "LoadBalancer", null);
    service("plain", "ClusterIP", null);
    cluster.settle(controller);
    assertEquals("172.18.255.200/VIP", external("a"));
    assertEquals("<pending>", external("plain"));
    assertEquals(List.of("IPAllocated: Assigned IP [\"172.18.255.200\"]"), cluster.events("Service", "a"));
    service("b", "LoadBalancer", null);
    cluster.settle(controller);
    assertEquals("172.18.255.200/VIP", external("a"));
    assertEquals("172.18.255.201/VIP", external("b"));
    assertEquals(List.of(), cluster.noOpWrites());
  }

  @Test
  void aRequestedAddressIsHonouredWhenThePoolHasItFree() {
    service("a", "LoadBalancer", "172.18.255.202");
    service("taken", "LoadBalancer", "172.18.255.202");
    service("outside", "LoadBalancer", "192.0.2.10");
    cluster.settle(controller);
    assertEquals("172.18.255.202/VIP", external("a"));
    assertEquals("<pending>", external("taken"));
    assertEquals("<pending>", external("outside"));
  }

  @Test
  void aPendingServiceGetsTheAddressThatFreesUp() {
    service("a", "LoadBalancer", null);
    service("b", "LoadBalancer", null);
    service("c", "LoadBalancer", null);
    cluster.advance(java.time.Duration.ofSeconds(1));
    service("d", "LoadBalancer", null);
    cluster.settle(controller);
    assertEquals("<pending>", external("d"), "the pool has three");
    cluster.apply(List.of(Action.Delete.of(cluster.get(Service.class, "Service", "default", "b"))));
    cluster.settle(controller);
    assertEquals("172.18.255.201/VIP", external("d"));
  }

  @Test
  void anotherLoadBalancerClassIsLeftAloneAndItsAddressNotReused() {
    Service other = cluster.create(new ServiceBuilder().withNewMetadata().withName("other").withNamespace("default").endMetadata()
        .withNewSpec().withType("LoadBalancer").withLoadBalancerClass("example.com/lb").addNewPort().withPort(80).endPort().endSpec()
        .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("172.18.255.200").endIngress().endLoadBalancer().endStatus().build());
    cluster.apply(List.of(new Action.UpdateStatus(other)));
    service("a", "LoadBalancer", null);
    cluster.settle(controller);
    assertEquals("172.18.255.201/VIP", external("a"));
    assertEquals("172.18.255.200/null", external("other"));
  }

  @Test
  void aServiceThatIsNoLongerALoadBalancerIsNotWritten() {
    service("a", "LoadBalancer", null);
    cluster.settle(controller);
    Service s = cluster.get(Service.class, "Service", "default", "a");
    s.getSpec().setType("ClusterIP");
    s.getStatus().getLoadBalancer().setIngress(List.of());
    cluster.update(s);
    cluster.apply(List.of(new Action.UpdateStatus(s)));
    assertEquals(0, cluster.settle(controller));
    service("b", "LoadBalancer", null);
    cluster.settle(controller);
    assertEquals("172.18.255.200/VIP", external("b"), "a's address was free again");
  }
}
