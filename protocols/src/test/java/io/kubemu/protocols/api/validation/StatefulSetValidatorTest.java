package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** apps/v1 StatefulSet: a DNS label for a name, its pod management and update strategy. */
class StatefulSetValidatorTest {
  static final String STATEFUL_SET = """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        serviceName: db
        replicas: 3
        selector:
          matchLabels:
            app: db
        template:
          metadata:
            labels:
              app: db
          spec:
            containers:
            - name: db
              image: postgres
      """;

  static List<String> statefulSet(String from, String to) {
    return errors(STATEFUL_SET.replace(from, to), StatefulSet.class);
  }

  @Test
  void aPlainStatefulSetIsValid() {
    assertEquals(List.of(), errors(STATEFUL_SET, StatefulSet.class));
  }

  @Test
  void theNameIsADnsLabel() {
    assertEquals(List.of("metadata.name: Invalid value: \"db.eu\": must not contain dots"),
        statefulSet("metadata:\n  name: db\n", "metadata:\n  name: db.eu\n"));
  }

  @Test
  void podManagementPolicyIsOrderedReadyOrParallel() {
    assertEquals(List.of("spec.podManagementPolicy: Invalid value: \"Burst\": must be 'OrderedReady' or 'Parallel'"),
        statefulSet("  replicas: 3\n", "  replicas: 3\n  podManagementPolicy: Burst\n"));
  }

  @Test
  void updateStrategyIsRollingUpdateOrOnDelete() {
    assertEquals(List.of("spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Recreate\","
        + " RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'"),
        statefulSet("  replicas: 3\n", "  replicas: 3\n  updateStrategy: {type: Recreate}\n"));
    assertEquals(List.of("spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{"
        + "Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'"),
        statefulSet("  replicas: 3\n", "  replicas: 3\n  updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}\n"));
  }

  @Test
  void partitionAndMaxUnavailable() {
    assertEquals(List.of("spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0",
        "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0,"
            + " StrVal:\"\"}: cannot be 0"),
        statefulSet("  replicas: 3\n", "  replicas: 3\n  updateStrategy:\n    rollingUpdate: {partition: -1, maxUnavailable: 0}\n"));
  }

  @Test
  void selectorIsRequiredAndMatched() {
    assertEquals(List.of("spec.selector: Required value"),
        statefulSet("  selector:\n    matchLabels:\n      app: db\n", "").subList(0, 1));
    assertEquals(List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}:"
        + " `selector` does not match template `labels`"), statefulSet("labels:\n        app: db", "labels:\n        app: web"));
  }

  @Test
  void anEmptySelectorIsRefused() {
    assertEquals(List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
        + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset"),
        statefulSet("  selector:\n    matchLabels:\n      app: db\n", "  selector: {}\n"));
  }
}
