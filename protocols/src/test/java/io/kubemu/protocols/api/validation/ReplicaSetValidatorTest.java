package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** apps/v1 ReplicaSet: the Deployment's rules without a strategy. */
class ReplicaSetValidatorTest {
  static final String REPLICA_SET = """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web-7d4f
      spec:
        replicas: 1
        selector:
          matchExpressions:
          - {key: app, operator: In, values: [web]}
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: web
              image: nginx
      """;

  @Test
  void aPlainReplicaSetIsValid() {
    assertEquals(List.of(), errors(REPLICA_SET, ReplicaSet.class));
  }

  @Test
  void matchExpressionsAreMatched() {
    assertEquals(List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"db\"}:"
        + " `selector` does not match template `labels`"),
        errors(REPLICA_SET.replace("app: web\n", "app: db\n"), ReplicaSet.class));
  }

  @Test
  void inNeedsValues() {
    assertEquals("spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is"
        + " 'In' or 'NotIn'", errors(REPLICA_SET.replace(", values: [web]", ""), ReplicaSet.class).get(0));
  }

  @Test
  void anEmptySelectorUsesTheDeploymentWording() {
    assertEquals(List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
        + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"),
        errors(REPLICA_SET.replace("    matchExpressions:\n    - {key: app, operator: In, values: [web]}\n", "    {}\n"),
            ReplicaSet.class));
  }

  @Test
  void activeDeadlineSecondsIsForbidden() {
    assertEquals(List.of("spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is"
        + " not Supported"), errors(REPLICA_SET.replace("    spec:\n", "    spec:\n      activeDeadlineSeconds: 30\n"),
        ReplicaSet.class));
  }
}
