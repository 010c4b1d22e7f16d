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
    List<ContainerStatus> before = s.getContainerStatuses() == null ? List.of() : s.getContainerStatuses();
    List<ContainerStatus> cs = r.containers().stream().map(c -> containerStatus(c, previous(before, c.name()))).toList();
    s.setContainerStatuses(cs);
    boolean ready = !cs.isEmpty() && cs.stream().allMatch(ContainerStatus::getReady) && "Running".equals(r.phase());
    String unready = ready ? null : unreadyMessage(r.containers());
    List<PodCondition> previous = s.getConditions() == null ? List.of() : s.getConditions();
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition("PodScheduled", "True", null, null));
    conditions.add(condition("Initialized", r.podIp() != null ? "True" : "False", null, null));
    conditions.add(condition("ContainersReady", ready ? "True" : "False", ready ? null : "ContainersNotReady", unready));
    conditions.add(condition("Ready", ready ? "True" : "False", ready ? null : "ContainersNotReady", unready));
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

  /**
   * The kubelet's message for unready containers, {@code containers with unready status: [a b]},
   * followed by the latest probe failure of each container that has one (kubemu has no kubelet
   * Events for probes, so the reason shows here).
   */
  static String unreadyMessage(List<ContainerState> containers) {
    List<String> names = containers.stream().filter(c -> !c.ready()).map(ContainerState::name).toList();
    StringBuilder m = new StringBuilder("containers with unready status: [" + String.join(" ", names) + "]");
    containers.stream().filter(c -> !c.ready() && c.running() && text(c.message()) != null)
        .forEach(c -> m.append("; ").append(c.name()).append(": ").append(c.message()));
    return m.toString();
  }

  private static ContainerStatus previous(List<ContainerStatus> statuses, String name) {
    return statuses.stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
  }

  /** A container's status; times of a state that has not changed since {@code before} are kept. */
  private static ContainerStatus containerStatus(ContainerState c, ContainerStatus before) {
    var same = before != null && before.getState() != null && Integer.valueOf(c.restartCount()).equals(before.getRestartCount())
        ? before.getState() : new io.fabric8.kubernetes.api.model.ContainerState();
    ContainerStateBuilder state = new ContainerStateBuilder();
    switch (c.state()) {
      case "running" -> state.withNewRunning()
          .withStartedAt(same.getRunning() != null ? same.getRunning().getStartedAt() : now()).endRunning();
      case "terminated" -> state.withNewTerminated().withExitCode(c.exitCode()).withReason(c.reason())
          .withMessage(text(c.message()))
          .withFinishedAt(same.getTerminated() != null ? same.getTerminated().getFinishedAt() : now()).endTerminated();
      default -> state.withNewWaiting().withReason(c.reason()).withMessage(c.message()).endWaiting();
    }
    ContainerStatusBuilder status = new ContainerStatusBuilder().withName(c.name()).withImage(c.image())
        .withImageID("kubemu://" + c.image()).withReady(c.ready()).withStarted(c.started())
        .withRestartCount(c.restartCount()).withState(state.build());
    ContainerState.Terminated last = c.lastState();
    if (last != null) {
      status.withNewLastState().withNewTerminated().withExitCode(last.exitCode()).withReason(last.reason())
          .withMessage(text(last.message()))
          .withFinishedAt(Instant.ofEpochMilli(last.finishedAtMillis()).truncatedTo(ChronoUnit.SECONDS).toString())
          .endTerminated().endLastState();
    }
    return status.build();
  }

  private static String text(String s) {
    return s == null || s.isEmpty() ? null : s;
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
