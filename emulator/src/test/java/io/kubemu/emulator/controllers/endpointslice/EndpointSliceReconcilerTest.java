package io.kubemu.emulator.controllers.endpointslice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubemu.emulator.controllers.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The EndpointSlice controller on a fake cluster: what a slice says, and how it follows pods. */
class EndpointSliceReconcilerTest {
  private final SliceCluster c = new SliceCluster();

  @Test
  void aServiceGetsOneSliceOfTheRunningPodsItSelects() {
    Service svc = c.service("web", "web", "8080");
    c.pod("web-a", "web", 8080);
    c.pod("web-b", "web", 8080);
    c.pod("web-pending", "web", 8080);
    c.pod("db-a", "db", 8080);
    Pod a = c.run("web-a", "w1", true);
    c.run("web-b", "w2", false);
    c.run("db-a", "w1", true);
    c.settle();
    List<EndpointSlice> slices = c.slices("web");
    assertEquals(1, slices.size());
    EndpointSlice s = slices.get(0);
    assertTrue(s.getMetadata().getName().matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}"), s.getMetadata().getName());
    assertEquals(Map.of("team", "blue", "kubernetes.io/service-name", "web", "endpointslice.kubernetes.io/managed-by",
        "endpointslice-controller.k8s.io"), s.getMetadata().getLabels());
    OwnerReference owner = s.getMetadata().getOwnerReferences().get(0);
    assertEquals(List.of("v1", "Service", "web", svc.getMetadata().getUid(), true, true), List.of(owner.getApiVersion(), owner.getKind(),
        owner.getName(), owner.getUid(), owner.getController(), owner.getBlockOwnerDeletion()));
    assertEquals("IPv4", s.getAddressType());
    assertEquals(1, s.getPorts().size());
    assertEquals(List.of("http", 8080, "TCP"), List.of(s.getPorts().get(0).getName(), s.getPorts().get(0).getPort(),
        s.getPorts().get(0).getProtocol()));
    assertEquals(List.of("web-a true/true/false", "web-b false/false/false"), c.endpoints("web"), "pods without an address are left out");
    Endpoint first = s.getEndpoints().get(0);
    assertEquals(a.getStatus().getPodIP(), first.getAddresses().get(0));
    assertEquals("w1", first.getNodeName());
    assertEquals(List.of("Pod", "default", "web-a", a.getMetadata().getUid()), List.of(first.getTargetRef().getKind(),
        first.getTargetRef().getNamespace(), first.getTargetRef().getName(), first.getTargetRef().getUid()));
    assertNull(first.getHostname());
    assertEquals(List.of(), c.cluster.noOpWrites());
    assertEquals(0, c.settle(), "a settled Service writes nothing");
  }

  @Test
  void readinessFlipsUpdateTheSliceInPlace() {
    c.service("web", "web", "8080");
    c.pod("web-a", "web", 8080);
    c.run("web-a", "w1", true);
    c.settle();
    String name = c.slices("web").get(0).getMetadata().getName();
    c.ready("web-a", false);
    c.settle();
    assertEquals(List.of("web-a false/false/false"), c.endpoints("web"));
    c.ready("web-a", true);
    c.settle();
    assertEquals(List.of("web-a true/true/false"), c.endpoints("web"));
    assertEquals(name, c.slices("web").get(0).getMetadata().getName(), "the same slice");
  }

  @Test
  void aTerminatingPodIsServingButNotReadyAndGoesWhenItStops() {
    c.cluster.podsTerminateGracefully(true);
    c.service("web", "web", "8080");
    c.pod("web-a", "web", 8080);
    c.pod("web-b", "web", 8080);
    c.run("web-a", "w1", true);
    c.run("web-b", "w1", true);
    c.settle();
    c.cluster.apply(List.of(Action.Delete.of(c.get("web-a"))));
    c.settle();
    assertEquals(List.of("web-a false/true/true", "web-b true/true/false"), c.endpoints("web"));
    c.cluster.finishTerminating();
    c.settle();
    assertEquals(List.of("web-b true/true/false"), c.endpoints("web"));
    assertEquals(1, c.slices("web").size());
  }

  @Test
  void publishNotReadyAddressesMakesEveryEndpointReady() {
    Service svc = c.service("peers", "db", "8080");
    svc.getSpec().setPublishNotReadyAddresses(true);
    c.cluster.update(svc);
    c.pod("db-0", "db", 8080);
    c.run("db-0", "w1", false);
    c.settle();
    assertEquals(List.of("db-0 true/false/false"), c.endpoints("peers"));
  }

  @Test
  void namedTargetPortsResolvePerPodAndPodsThatDifferGoToDifferentSlices() {
    c.service("web", "web", "http");
    c.pod("web-a", "web", 8080);
    c.pod("web-b", "web", 8080);
    c.pod("web-c", "web", 9090);
    c.run("web-a", "w1", true);
    c.run("web-b", "w1", true);
    c.run("web-c", "w2", true);
    c.settle();
    List<EndpointSlice> slices = c.slices("web");
    assertEquals(2, slices.size());
    assertEquals(List.of("8080:[web-a, web-b]", "9090:[web-c]"), slices.stream()
        .map(s -> s.getPorts().get(0).getPort() + ":" + s.getEndpoints().stream().map(e -> e.getTargetRef().getName()).toList())
        .sorted().toList());
  }

  @Test
  void aPodWithHostnameAndSubdomainOfTheServiceIsNamed() {
    c.service("web", "web", "8080");
    Pod p = c.pod("web-0", "web", 8080);
    p.getSpec().setHostname("web-0");
    p.getSpec().setSubdomain("web");
    c.cluster.update(p);
    c.run("web-0", "w1", true);
    c.settle();
    assertEquals("web-0", c.slices("web").get(0).getEndpoints().get(0).getHostname());
  }

  @Test
  void aServiceWithoutPodsHasOnePlaceholderSlice() {
    c.service("web", "web", "8080");
    c.settle();
    List<EndpointSlice> slices = c.slices("web");
    assertEquals(1, slices.size());
    assertTrue(slices.get(0).getPorts().isEmpty() && slices.get(0).getEndpoints().isEmpty());
    c.pod("web-a", "web", 8080);
    c.run("web-a", "w1", true);
    c.settle();
    assertEquals(1, c.slices("web").size(), "the placeholder gives way to a slice with ports");
    assertEquals(8080, c.slices("web").get(0).getPorts().get(0).getPort());
  }

  @Test
  void servicesWithoutASelectorAndExternalNameOnesAreLeftAlone() {
    Service manual = c.service("manual", "web", "8080");
    manual.getSpec().setSelector(Map.of());
    c.cluster.update(manual);
    Service external = c.service("external", "web", "8080");
    external.getSpec().setType("ExternalName");
    external.getSpec().setExternalName("example.com");
    c.cluster.update(external);
    c.pod("web-a", "web", 8080);
    c.run("web-a", "w1", true);
    c.settle();
    assertEquals(List.of(), c.slices("manual"));
    assertEquals(List.of(), c.slices("external"));
  }
}
