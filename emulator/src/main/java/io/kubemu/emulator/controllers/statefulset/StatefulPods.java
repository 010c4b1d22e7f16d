package io.kubemu.emulator.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.Pods;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A StatefulSet's pods: their stable identity (name, hostname, subdomain, labels), ordinal, revision and health. */
final class StatefulPods {
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
  static final String REVISION_LABEL = "controller-revision-hash";
  private static final Pattern ORDINAL = Pattern.compile("^(.*)-([0-9]+)$");

  private StatefulPods() {}

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
