package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** apps/v1 Deployment, message for message as pkg/apis/apps/validation reports it. */
class DeploymentValidatorTest {
  static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: web
              image: nginx
      """;

  static List<String> deployment(String from, String to) {
    return errors(DEPLOYMENT.replace(from, to), Deployment.class);
  }

  @Test
  void aPlainDeploymentIsValid() {
    assertEquals(List.of(), errors(DEPLOYMENT, Deployment.class));
  }

  @Test
  void selectorMustMatchTemplateLabels() {
    assertEquals(List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}:"
        + " `selector` does not match template `labels`"), deployment("labels:\n        app: web", "labels:\n        app: api"));
  }

  @Test
  void selectorIsRequired() {
    assertEquals(List.of("spec.selector: Required value",
        "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match"
            + " template `labels`"), deployment("  selector:\n    matchLabels:\n      app: web\n", ""));
  }

  @Test
  void anEmptySelectorIsRefused() {
    assertEquals(List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
        + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"),
        deployment("  selector:\n    matchLabels:\n      app: web\n", "  selector: {}\n"));
  }

  @Test
  void aBadSelectorOperatorSkipsTheTemplate() {
    assertEquals(List.of("spec.selector.matchExpressions[0].operator: Invalid value: \"Has\": not a valid selector operator",
        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:"
            + "[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"app\", Operator:\"Has\", Values:[]string(nil)}}}:"
            + " invalid label selector"),
        deployment("    matchLabels:\n      app: web\n", "    matchExpressions:\n    - {key: app, operator: Has}\n"));
  }

  @Test
  void replicasMayNotBeNegative() {
    assertEquals(List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        deployment("replicas: 2", "replicas: -1"));
  }

  @Test
  void theTemplateIsAPodSpec() {
    assertEquals(List.of("spec.template.spec.containers[0].image: Required value",
        "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""),
        deployment("        image: nginx", "        image: \"\"\n      restartPolicy: Never"));
  }

  @Test
  void templateLabelsAreCheckedUnderTemplateLabels() {
    FieldError e = Validation.validate(Manifests.read(DEPLOYMENT
        .replace("matchLabels:\n      app: web", "matchLabels:\n      app: web\n      tier: -x")
        .replace("labels:\n        app: web", "labels:\n        app: web\n        tier: -x"), Deployment.class)).get(0);

    assertEquals("spec.selector.matchLabels[tier]", e.field());
    assertEquals(FieldError.Type.INVALID, e.type());
  }

  @Test
  void strategyTypeIsAnEnum() {
    assertEquals(List.of("spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"BlueGreen\","
        + " RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\""),
        deployment("  replicas: 2\n", "  replicas: 2\n  strategy:\n    type: BlueGreen\n"));
  }

  @Test
  void recreateTakesNoRollingUpdate() {
    assertEquals(List.of("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"),
        deployment("  replicas: 2\n", "  replicas: 2\n  strategy:\n    type: Recreate\n    rollingUpdate: {maxSurge: 1}\n"));
  }

  @Test
  void maxSurgeAndMaxUnavailableMayNotBothBeZero() {
    assertEquals(List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0,"
        + " StrVal:\"\"}: may not be 0 when `maxSurge` is 0"),
        deployment("  replicas: 2\n", "  replicas: 2\n  strategy:\n    rollingUpdate: {maxSurge: 0%, maxUnavailable: 0}\n"));
  }

  @Test
  void percentagesAreChecked() {
    assertEquals(List.of(
        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"half\"}:"
            + " a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex"
            + " used for validation is '[0-9]+%')",
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"),
        deployment("  replicas: 2\n", "  replicas: 2\n  strategy:\n    rollingUpdate: {maxSurge: -1, maxUnavailable: half}\n"));
    assertEquals(List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0,"
        + " StrVal:\"150%\"}: must not be greater than 100%"),
        deployment("  replicas: 2\n", "  replicas: 2\n  strategy:\n    rollingUpdate: {maxUnavailable: 150%}\n"));
  }

  @Test
  void progressDeadlineMustExceedMinReadySeconds() {
    assertEquals(List.of("spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds"),
        deployment("  replicas: 2\n", "  replicas: 2\n  minReadySeconds: 10\n  progressDeadlineSeconds: 10\n"));
  }
}
