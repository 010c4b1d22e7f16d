package io.kubemu.emulator.controllers.nodelifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
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
    List<Action> evicted = at(unreachable, pod(null), "2026-11-22T10:05:00Z");
    assertEquals(new Action.Delete("Pod", "default", "web-1", null), evicted.get(1));
    assertEquals(2, evicted.size());
  }

  @Test
  void anEvictionIsRecordedOnThePodBeforeTheDelete() {
    Pod pod = pod(null);
    List<Action> evicted = at(node("node.kubernetes.io/unreachable"), pod, "2026-11-22T10:05:00Z");
    Event e = (Event) ((Action.Create) evicted.get(0)).object();
    assertEquals("TaintManagerEviction", e.getReason());
    assertEquals("Marking for deletion Pod default/web-1", e.getMessage());
    assertEquals("Normal", e.getType());
    assertEquals("taint-eviction-controller", e.getSource().getComponent());
    assertEquals(List.of("Pod", "web-1", "default", pod.getMetadata().getUid()), List.of(e.getInvolvedObject().getKind(),
        e.getInvolvedObject().getName(), e.getInvolvedObject().getNamespace(), e.getInvolvedObject().getUid()));
    assertTrue(evicted.get(1) instanceof Action.Delete);
  }

  @Test
  void itsOwnTolerationSecondsWin() {
    Node unreachable = node("node.kubernetes.io/unreachable");
    assertEquals(List.of(new Action.RequeueAfter(Duration.ofSeconds(10))), at(unreachable, pod(30L), "2026-11-22T10:00:20Z"));
    assertEquals(List.of(), at(unreachable, pod(-1L), "2026-11-23T10:00:00Z"), "tolerated for ever");
  }

  @Test
  void anUntoleratedNoExecuteTaintEvictsAtOnce() {
    assertEquals(Action.Delete.class, at(node("maintenance"), pod(30L), "2026-11-22T10:00:01Z").get(1).getClass());
  }

  @Test
  void aHealthyNodeEvictsNothing() {
    Node healthy = Fixtures.stored(new NodeBuilder().withNewMetadata().withName("w1").endMetadata().withNewSpec().endSpec().build());
    assertEquals(List.of(), at(healthy, pod(null), "2026-11-22T10:05:00Z"));
  }
}
