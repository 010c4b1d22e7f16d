package io.kubemu.emulator.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubemu.emulator.scheduler.NodeMatch;
import java.util.List;

/**
 * Whether a daemon pod belongs on a node (the DaemonSet controller's NodeShouldRunDaemonPod): the
 * template's nodeName, nodeSelector and required node affinity must match the node, and every
 * NoSchedule or NoExecute taint must be tolerated for a pod to be placed there. A pod already
 * there may stay as long as it tolerates the NoExecute taints.
 */
final class NodeFit {
  /** {@code shouldRun}: a pod should be there; {@code shouldContinueRunning}: a pod there may stay. */
  record Verdict(boolean shouldRun, boolean shouldContinueRunning) {}

  private NodeFit() {}

  /** {@code spec}: the daemon pod's spec, with the tolerations the controller adds ({@link DaemonPods#withDaemonTolerations}). */
  static Verdict of(Node node, PodSpec spec) {
    String name = node.getMetadata().getName();
    if (spec.getNodeName() != null && !spec.getNodeName().isEmpty() && !spec.getNodeName().equals(name)) {
      return new Verdict(false, false);
    }
    if (!NodeMatch.matchesNodeSelector(spec, node)) {
      return new Verdict(false, false);
    }
    List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    List<Toleration> tolerations = spec.getTolerations() == null ? List.of() : spec.getTolerations();
    boolean fits = taints.stream().filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
        .allMatch(t -> NodeMatch.tolerates(tolerations, t));
    if (fits) {
      return new Verdict(true, true);
    }
    return new Verdict(false, taints.stream().filter(t -> "NoExecute".equals(t.getEffect())).allMatch(t -> NodeMatch.tolerates(tolerations, t)));
  }
}
