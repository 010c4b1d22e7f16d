package io.kubemu.emulator.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.Pods;
import io.kubemu.emulator.controlplane.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Daemon pods as the DaemonSet controller makes them: pinned to a node, tolerant of node conditions, labelled with the template hash. */
final class DaemonPods {
  static final String HASH_LABEL = "controller-revision-hash";

  /** util.AddOrUpdateDaemonPodTolerations: a daemon pod outlives node trouble that would evict or block other pods. */
  private static final List<Toleration> DAEMON_TOLERATIONS = List.of(
      exists("node.kubernetes.io/not-ready", "NoExecute"),
      exists("node.kubernetes.io/unreachable", "NoExecute"),
      exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
      exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
      exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
      exists("node.kubernetes.io/unschedulable", "NoSchedule"));

  private static final Toleration NETWORK_UNAVAILABLE = exists("node.kubernetes.io/network-unavailable", "NoSchedule");

  private DaemonPods() {}

  private static Toleration exists(String key, String effect) {
    Toleration t = new Toleration();
    t.setKey(key);
    t.setOperator("Exists");
    t.setEffect(effect);
    return t;
  }

  /** A copy of the template's pod spec with the daemon tolerations added (host-network pods also tolerate network-unavailable). */
  static PodSpec withDaemonTolerations(PodSpec template) {
    PodSpec spec = Json.MAPPER.convertValue(template, PodSpec.class);
    List<Toleration> tolerations = new ArrayList<>(spec.getTolerations() == null ? List.of() : spec.getTolerations());
    List<Toleration> wanted = new ArrayList<>(DAEMON_TOLERATIONS);
    if (Boolean.TRUE.equals(spec.getHostNetwork())) {
      wanted.add(NETWORK_UNAVAILABLE);
    }
    wanted.stream().filter(t -> !tolerations.contains(t)).forEach(tolerations::add);
    spec.setTolerations(tolerations);
    return spec;
  }

  /**
   * The daemon pod for {@code node}. Kubernetes pins it with a required node affinity on
   * metadata.name and lets the scheduler bind it; kubemu's scheduler honours only spec.nodeName,
   * so the pod carries both: the affinity for what clients read, nodeName for where it runs.
   */
  static Pod newPod(DaemonSet ds, String node, String hash) {
    PodTemplateSpec template = ds.getSpec().getTemplate();
    Pod pod = Owners.podFromTemplate(template, ds, ds.getMetadata().getName() + "-");
    Map<String, String> labels = pod.getMetadata().getLabels() == null ? new HashMap<>() : pod.getMetadata().getLabels();
    labels.put(HASH_LABEL, hash);
    pod.getMetadata().setLabels(labels);
    PodSpec spec = withDaemonTolerations(template.getSpec());
    spec.setAffinity(pinnedTo(spec.getAffinity(), node));
    spec.setNodeName(node);
    pod.setSpec(spec);
    return pod;
  }

  /** util.ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes "metadata.name In [node]". */
  private static Affinity pinnedTo(Affinity affinity, String node) {
    NodeSelectorRequirement byName = new NodeSelectorRequirement("metadata.name", "In", new ArrayList<>(List.of(node)));
    NodeSelectorTerm term = new NodeSelectorTerm(null, new ArrayList<>(List.of(byName)));
    Affinity a = affinity == null ? new Affinity() : affinity;
    NodeAffinity na = a.getNodeAffinity() == null ? new NodeAffinity() : a.getNodeAffinity();
    na.setRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector(new ArrayList<>(List.of(term))));
    a.setNodeAffinity(na);
    return a;
  }

  /** util.GetTargetNodeName: the node a pod is bound to, or the one its metadata.name affinity names; null if neither. */
  static String targetNode(Pod p) {
    if (p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty()) {
      return p.getSpec().getNodeName();
    }
    NodeSelector required = p.getSpec().getAffinity() == null || p.getSpec().getAffinity().getNodeAffinity() == null ? null
        : p.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    if (required == null || required.getNodeSelectorTerms() == null) {
      return null;
    }
    for (NodeSelectorTerm t : required.getNodeSelectorTerms()) {
      for (NodeSelectorRequirement r : t.getMatchFields() == null ? List.<NodeSelectorRequirement>of() : t.getMatchFields()) {
        if ("metadata.name".equals(r.getKey()) && "In".equals(r.getOperator()) && r.getValues() != null && r.getValues().size() == 1) {
          return r.getValues().get(0);
        }
      }
    }
    return null;
  }

  static boolean isUpdated(Pod p, String hash) {
    return p.getMetadata().getLabels() != null && hash.equals(p.getMetadata().getLabels().get(HASH_LABEL));
  }

  static boolean isTerminal(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** podByCreationTimestampAndPhase: bound pods first, then the oldest, then by name; the first is the one a node keeps. */
  static final Comparator<Pod> OLDEST_FIRST = Comparator
      .<Pod>comparingInt(p -> p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty() ? 1 : 0)
      .thenComparing(p -> Pods.instant(p.getMetadata().getCreationTimestamp()))
      .thenComparing(p -> p.getMetadata().getName());
}
