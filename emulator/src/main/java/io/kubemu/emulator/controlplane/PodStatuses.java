package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubemu.nodes.agent.KubeletReport.PodStatusReport;
import io.kubemu.nodes.pod.ContainerState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Turns a kubelet's pod report into the Pod's status: phase, IPs, conditions, container statuses. */
final class PodStatuses {
  private PodStatuses() {}

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static void pending(Pod pod, String reason, String message) {
    PodStatus s = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    s.setPhase("Pending");
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition("PodScheduled", "False", reason, message));
    s.setConditions(conditions);
    pod.setStatus(s);
  }

  /** Whether the pod already says it is Pending for this reason (a retry writes nothing new). */
  static boolean isPending(Pod pod, String message) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream().anyMatch(c -> "PodScheduled".equals(c.getType()) && message.equals(c.getMessage()));
  }

  static void apply(Pod pod, PodStatusReport r, String hostIp) {
    PodStatus s = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    s.setPhase(r.phase());
    s.setReason(r.reason());
    s.setMessage(r.message());
    s.setHostIP(hostIp);
    if (r.podIp() != null) {
      s.setPodIP(r.podIp());
      s.setPodIPs(List.of(new PodIP(r.podIp())));
    }
    if (s.getStartTime() == null) {
      s.setStartTime(now());
    }
    List<ContainerStatus> cs = r.containers().stream().map(PodStatuses::containerStatus).toList();
    s.setContainerStatuses(cs);
    boolean ready = !cs.isEmpty() && cs.stream().allMatch(ContainerStatus::getReady) && "Running".equals(r.phase());
    List<PodCondition> previous = s.getConditions() == null ? List.of() : s.getConditions();
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition("PodScheduled", "True", null, null));
    conditions.add(condition("Initialized", r.podIp() != null ? "True" : "False", null, null));
    conditions.add(condition("ContainersReady", ready ? "True" : "False", ready ? null : "ContainersNotReady", null));
    conditions.add(condition("Ready", ready ? "True" : "False", ready ? null : "ContainersNotReady", null));
    for (PodCondition c : conditions) {
      previous.stream().filter(p -> p.getType().equals(c.getType()) && p.getStatus().equals(c.getStatus())).findFirst()
          .ifPresent(p -> c.setLastTransitionTime(p.getLastTransitionTime()));
    }
    s.setConditions(conditions);
    pod.setStatus(s);
  }

  /** A condition that changed now; {@link #apply} keeps the time of one whose status did not change. */
  private static PodCondition condition(String type, String status, String reason, String message) {
    return new io.fabric8.kubernetes.api.model.PodConditionBuilder().withType(type).withStatus(status)
        .withReason(reason).withMessage(message).withLastTransitionTime(now()).build();
  }

  private static ContainerStatus containerStatus(ContainerState c) {
    ContainerStateBuilder state = new ContainerStateBuilder();
    switch (c.state()) {
      case "running" -> state.withNewRunning().withStartedAt(now()).endRunning();
      case "terminated" -> state.withNewTerminated().withExitCode(c.exitCode()).withReason(c.reason()).withFinishedAt(now()).endTerminated();
      default -> state.withNewWaiting().withReason(c.reason()).withMessage(c.message()).endWaiting();
    }
    return new ContainerStatusBuilder().withName(c.name()).withImage(c.image()).withImageID("kubemu://" + c.image())
        .withReady(c.running()).withStarted(c.running()).withRestartCount(c.restartCount()).withState(state.build())
        .build();
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  /** A kubelet's report on a pod: its status is written, or, once it terminated after a delete, it goes. */
  static void report(ObjectStore store, NodeRegistry nodes, io.kubemu.nodes.agent.KubeletReport r) {
    if (r instanceof PodStatusReport report) {
      store.get(Pod.class, "Pod", report.namespace(), report.name())
          .filter(p -> report.uid() == null || report.uid().equals(p.getMetadata().getUid()))
          .ifPresent(p -> {
            NodeRegistry.Entry n = nodes.get(report.node());
            apply(p, report, n == null || n.lease() == null ? null : n.lease().nodeIp().toString());
            store.update(p);
          });
    } else if (r instanceof io.kubemu.nodes.agent.KubeletReport.PodTerminated t) {
      store.get(Pod.class, "Pod", t.namespace(), t.name())
          .filter(p -> t.uid() == null || t.uid().equals(p.getMetadata().getUid()))
          .filter(p -> p.getMetadata().getDeletionTimestamp() != null)
          .ifPresent(p -> store.remove("Pod", t.namespace(), t.name()));
    }
  }
}
