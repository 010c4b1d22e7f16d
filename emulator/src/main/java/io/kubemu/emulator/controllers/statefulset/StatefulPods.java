package io.kubemu.emulator.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Events;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.Pods;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A StatefulSet's pods: their stable identity (name, hostname, subdomain, labels), ordinal, revision and health. */
final class StatefulPods {
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
  static final String REVISION_LABEL = "controller-revision-hash";
  private static final Pattern ORDINAL = Pattern.compile("^(.*)-([0-9]+)$");

  /** The source of the StatefulSet controller's Events, as kube-controller-manager names it. */
  static final String COMPONENT = "statefulset-controller";

  private StatefulPods() {}

  /**
   * recordPodEvent: "SuccessfulCreate" / "create Pod web-0 in StatefulSet web successful", or
   * "FailedCreate" with the error ({@code verb} Create or Delete). A create refused as AlreadyExists records nothing.
   */
  static Action.Recording recorded(String verb, StatefulSet set, String pod, Instant now) {
    String what = verb.toLowerCase() + " Pod " + pod + " in StatefulSet " + set.getMetadata().getName();
    return answer -> answer.succeeded() ? Optional.of(Events.normal(COMPONENT, set, "Successful" + verb, what + " successful", now))
        : answer.status() == 409 && verb.equals("Create") ? Optional.empty()
        : Optional.of(Events.warning(COMPONENT, set, "Failed" + verb, what + " failed error: " + answer.message(), now));
  }

  /** The Event before a finished pod is deleted to come back: RecreatingFailedPod, or RecreatingTerminatedPod for a succeeded one. */
  static Event recreating(StatefulSet set, Pod p, Instant now) {
    boolean failed = "Failed".equals(phase(p));
    return Events.of(COMPONENT, set, failed ? Events.WARNING : Events.NORMAL, failed ? "RecreatingFailedPod" : "RecreatingTerminatedPod",
        "StatefulSet " + ObjectCache.key(set) + " is recreating " + (failed ? "failed" : "terminated") + " Pod " + p.getMetadata().getName(), now);
  }

  static String name(StatefulSet set, int ordinal) {
    return set.getMetadata().getName() + "-" + ordinal;
  }

  /** The ordinal in a pod's name {@code <set>-<ordinal>}; -1 if the name has none or names another set. */
  static int ordinal(StatefulSet set, Pod p) {
    Matcher m = ORDINAL.matcher(p.getMetadata().getName());
    if (!m.matches() || !m.group(1).equals(set.getMetadata().getName())) {
      return -1;
    }
    try {
      return Integer.parseInt(m.group(2));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * newVersionedStatefulSetPod: the pod for {@code ordinal} from the set's template, with its
   * identity (hostname = pod name, subdomain = serviceName, which the headless Service's DNS
   * names) and its revision label. volumeClaimTemplates are ignored: kubemu emulates no storage.
   */
  static Pod newPod(StatefulSet set, int ordinal, String revision) {
    Pod pod = Owners.podFromTemplate(set.getSpec().getTemplate(), set, set.getMetadata().getName() + "-");
    String name = name(set, ordinal);
    pod.getMetadata().setName(name);
    Map<String, String> labels = pod.getMetadata().getLabels() == null ? new HashMap<>() : pod.getMetadata().getLabels();
    labels.put(POD_NAME_LABEL, name);
    labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
    labels.put(REVISION_LABEL, revision);
    pod.getMetadata().setLabels(labels);
    pod.getSpec().setHostname(name);
    pod.getSpec().setSubdomain(set.getSpec().getServiceName());
    return pod;
  }

  static String revision(Pod p) {
    return p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(REVISION_LABEL);
  }

  static boolean isTerminating(Pod p) {
    return p.getMetadata().getDeletionTimestamp() != null;
  }

  static boolean isFinished(Pod p) {
    String phase = phase(p);
    return "Failed".equals(phase) || "Succeeded".equals(phase);
  }

  static boolean isRunningAndReady(Pod p) {
    return "Running".equals(phase(p)) && Pods.isReady(p);
  }

  static boolean isRunningAndAvailable(Pod p, int minReadySeconds, Instant now) {
    return "Running".equals(phase(p)) && Pods.isAvailable(p, minReadySeconds, now);
  }

  /** Running, Ready and not terminating; a pod not created yet (null) is not healthy. */
  static boolean isHealthy(Pod p) {
    return p != null && isRunningAndReady(p) && !isTerminating(p);
  }

  private static String phase(Pod p) {
    return p.getStatus() == null ? null : p.getStatus().getPhase();
  }
}
