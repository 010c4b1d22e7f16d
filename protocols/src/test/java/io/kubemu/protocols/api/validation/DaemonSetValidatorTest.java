package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** apps/v1 DaemonSet: its own selector and update-strategy rules. */
class DaemonSetValidatorTest {
  static final String DAEMON_SET = """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: node-agent
      spec:
        selector:
          matchLabels:
            app: agent
        template:
          metadata:
            labels:
              app: agent
          spec:
            containers:
            - name: agent
              image: busybox
      """;

  static List<String> daemonSet(String from, String to) {
    return errors(DAEMON_SET.replace(from, to), DaemonSet.class);
  }

  @Test
  void aPlainDaemonSetIsValid() {
    assertEquals(List.of(), errors(DAEMON_SET, DaemonSet.class));
  }

  @Test
  void aMissingSelectorMatchesNothing() {
    assertEquals(List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"agent\"}: `selector`"
        + " does not match template `labels`"), daemonSet("  selector:\n    matchLabels:\n      app: agent\n", ""));
  }

  @Test
  void anEmptySelectorIsRefused() {
    assertEquals(List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
        + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset"),
        daemonSet("  selector:\n    matchLabels:\n      app: agent\n", "  selector: {}\n"));
  }

  @Test
  void restartPolicyMustBeAlways() {
    assertEquals(List.of("spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""),
        daemonSet("    spec:\n", "    spec:\n      restartPolicy: OnFailure\n"));
  }

  @Test
  void updateStrategyTypeIsAnEnum() {
    assertEquals(List.of("spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:\"Always\","
        + " RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: \"RollingUpdate\", \"OnDelete\""),
        daemonSet("spec:\n  selector", "spec:\n  updateStrategy: {type: Always}\n  selector"));
  }

  @Test
  void maxSurgeNeedsMaxUnavailableZero() {
    assertEquals(List.of("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1,"
        + " StrVal:\"\"}: may not be set when maxUnavailable is non-zero"),
        daemonSet("spec:\n  selector", "spec:\n  updateStrategy:\n    rollingUpdate: {maxSurge: 1}\n  selector"));
  }

  @Test
  void maxSurgeAndMaxUnavailableMayNotBothBeZero() {
    assertEquals(List.of("spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"),
        daemonSet("spec:\n  selector", "spec:\n  updateStrategy:\n    rollingUpdate: {maxUnavailable: 0%}\n  selector"));
  }
}
