package io.kubemu.emulator.controllers.nodelifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaintEvictionTest {
  private final TaintEviction eviction = new TaintEviction(Duration.ofSeconds(300));
  private final Instant added = Instant.parse("2026-11-22T10:00:00Z");

  private Node node(String key) {
    return Fixtures.stored(new NodeBuilder().withNewMetadata().withName("w1").endMetadata().withNewSpec()
        .addNewTaint().withKey(key).withEffect("NoSchedule").withTimeAdded(added.toString()).endTaint()
        .addNewTaint().withKey(key).withEffect("NoExecute").withTimeAdded(added.toString()).endTaint().endSpec().build());
  }

  private static Pod pod(Long tolerationSeconds) {
    Pod p = Fixtures.pod("web-1", "web", null);
    p.getSpec().setNodeName("w1");
    if (tolerationSeconds != null) {
      p.getSpec().setTolerations(List.of(new TolerationBuilder().withKey("node.kubernetes.io/unreachable").withOperator("Exists")
          .withEffect("NoExecute").withTolerationSeconds(tolerationSeconds < 0 ? null : tolerationSeconds).build()));
    }
    return p;
  }

  private List<Action> at(Node node, Pod pod, String time) {
    return eviction.reconcile("default/web-1", Fixtures.cacheOf(node, pod), Instant.parse(time));
  }

  @Test
  void aPodWithoutTolerationsGetsTheClusterDefault() {
    Node unreachable = node("node.kubernetes.io/unreachable");
    assertEquals(List.of(new Action.RequeueAfter(Duration.ofSeconds(180))), at(unreachable, pod(null), "2026-11-22T10:02:00Z"));
    assertEquals(List.of(new Action.Delete("Pod", "default", "web-1", null)), at(unreachable, pod(null), "2026-11-22T10:05:00Z"));
  }

  @Test
  void itsOwnTolerationSecondsWin() {
    Node unreachable = node("node.kubernetes.io/unreachable");
    assertEquals(List.of(new Action.RequeueAfter(Duration.ofSeconds(10))), at(unreachable, pod(30L), "2026-11-22T10:00:20Z"));
    assertEquals(List.of(), at(unreachable, pod(-1L), "2026-11-23T10:00:00Z"), "tolerated for ever");
  }

  @Test
  void anUntoleratedNoExecuteTaintEvictsAtOnce() {
    assertEquals(1, at(node("maintenance"), pod(30L), "2026-11-22T10:00:01Z").size());
  }

  @Test
  void aHealthyNodeEvictsNothing() {
    Node healthy = Fixtures.stored(new NodeBuilder().withNewMetadata().withName("w1").endMetadata().withNewSpec().endSpec().build());
    assertEquals(List.of(), at(healthy, pod(null), "2026-11-22T10:05:00Z"));
  }
}
