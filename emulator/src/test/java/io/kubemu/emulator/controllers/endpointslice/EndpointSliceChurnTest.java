package io.kubemu.emulator.controllers.endpointslice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.ControllerManager;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.gc.GarbageCollector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Many endpoints, selector changes and deletions: slices split at the limit and change as little as they can. */
class EndpointSliceChurnTest {
  private final SliceCluster c = new SliceCluster();

  private void runPods(String prefix, int from, int to) {
    for (int i = from; i < to; i++) {
      c.pod(prefix + i, "web", 8080);
      c.run(prefix + i, "w1", true);
    }
  }

  private Map<String, Integer> sizes() {
    return c.slices("web").stream().collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s.getEndpoints().size()));
  }

  @Test
  void atMostAHundredEndpointsGoInOneSliceAndScalingChangesFewSlices() {
    c.service("web", "web", "8080");
    runPods("web-", 0, 250);
    c.settle();
    Map<String, Integer> before = sizes();
    assertEquals(List.of(50, 100, 100), before.values().stream().sorted().toList());
    for (int i = 0; i < 10; i++) {
      c.cluster.apply(List.of(Action.Delete.of(c.get("web-" + i))));
    }
    c.settle();
    Map<String, Integer> after = sizes();
    assertEquals(before.keySet(), after.keySet(), "endpoints are removed where they are, no slice is recreated");
    assertEquals(240, after.values().stream().mapToInt(Integer::intValue).sum());
    runPods("more-", 0, 5);
    c.settle();
    assertEquals(before.keySet(), sizes().keySet(), "a few new endpoints fill a slice that has room");
    assertEquals(245, sizes().values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(List.of(), c.cluster.noOpWrites());
  }

  @Test
  void theLimitIsASetting() {
    SliceCluster small = new SliceCluster(2);
    small.service("web", "web", "8080");
    for (int i = 0; i < 5; i++) {
      small.pod("web-" + i, "web", 8080);
      small.run("web-" + i, "w1", true);
    }
    small.settle();
    assertEquals(List.of(1, 2, 2), small.slices("web").stream().map(s -> s.getEndpoints().size()).sorted().toList());
  }

  @Test
  void aSelectorChangeSwapsTheEndpoints() {
    c.service("web", "web", "8080");
    runPods("web-", 0, 2);
    Pod labelled = c.get("web-1");
    labelled.getMetadata().setLabels(Map.of("app", "web", "track", "canary"));
    c.cluster.update(labelled);
    c.pod("canary", "canary", 8080);
    c.cluster.update(withLabels(c.get("canary"), Map.of("app", "canary", "track", "canary")));
    c.run("canary", "w2", true);
    c.settle();
    String name = c.slices("web").get(0).getMetadata().getName();
    Service svc = c.cluster.get(Service.class, "Service", "default", "web");
    svc.getSpec().setSelector(Map.of("track", "canary"));
    c.cluster.update(svc);
    c.settle();
    assertEquals(List.of("canary true/true/false", "web-1 true/true/false"), c.endpoints("web"));
    assertEquals(name, c.slices("web").get(0).getMetadata().getName(), "web-1 stayed, so its slice is updated, not replaced");
  }

  private static Pod withLabels(Pod p, Map<String, String> labels) {
    p.getMetadata().setLabels(labels);
    return p;
  }

  @Test
  void aPodThatStopsMatchingConcernsTheServiceWhoseSliceListsIt() {
    c.service("web", "web", "8080");
    runPods("web-", 0, 1);
    c.settle();
    Pod p = c.get("web-0");
    p.getMetadata().setLabels(Map.of("app", "other"));
    c.cluster.update(p);
    assertEquals(List.of("default/web"), List.copyOf(c.controller.keysFor(c.get("web-0"), c.cluster.cache())));
    EndpointSlice slice = c.slices("web").get(0);
    assertEquals(List.of("default/web"), List.copyOf(c.controller.keysFor(slice, c.cluster.cache())));
  }

  @Test
  void theSlicesOfADeletedServiceAreCollectedWithIt() {
    c.service("web", "web", "8080");
    runPods("web-", 0, 3);
    GarbageCollector gc = new GarbageCollector(ControllerManager.OWNED_KINDS);
    c.cluster.settle(c.controller, gc);
    assertEquals(1, c.slices("web").size());
    c.cluster.apply(List.of(Action.Delete.of(c.cluster.get(Service.class, "Service", "default", "web"))));
    c.cluster.settle(c.controller, gc);
    assertEquals(List.of(), c.slices("web"));
  }

  @Test
  void slicesOfAnEarlierServiceOfTheSameNameAndSlicesNoPodNeedsAreDeleted() {
    Service svc = c.service("web", "web", "8080");
    runPods("web-", 0, 2);
    c.settle();
    EndpointSlice stale = Owners.copy(c.slices("web").get(0));
    stale.getMetadata().setName(null);
    stale.getMetadata().setResourceVersion(null);
    stale.getMetadata().getOwnerReferences().get(0).setUid("uid-of-an-older-web");
    c.cluster.create(stale);
    assertEquals(2, c.slices("web").size());
    c.settle();
    assertEquals(1, c.slices("web").size());
    assertTrue(Owners.controlledBy(c.slices("web").get(0), svc));
    Set<String> keys = Set.copyOf(c.controller.allKeys(c.cluster.cache()));
    assertEquals(Set.of(ObjectCache.key(svc)), keys);
  }
}
