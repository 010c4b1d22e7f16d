package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import org.junit.jupiter.api.Test;

/** batch/v1 Job: pods that end, so restartPolicy is OnFailure or Never. */
class JobValidatorTest {
  static final String JOB = """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: pi
      spec:
        backoffLimit: 4
        template:
          spec:
            restartPolicy: Never
            containers:
            - name: pi
              image: perl:5.34
              command: [perl, -Mbignum=bpi, -wle, "print bpi(2000)"]
      """;

  static List<String> job(String from, String to) {
    return errors(JOB.replace(from, to), Job.class);
  }

  @Test
  void aPlainJobIsValid() {
    assertEquals(List.of(), errors(JOB, Job.class));
  }

  @Test
  void restartPolicyIsRequiredWhenAbsentOrAlways() {
    String required = "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"";
    assertEquals(List.of(required), job("      restartPolicy: Never\n", ""));
    assertEquals(List.of(required), job("restartPolicy: Never", "restartPolicy: Always"));
  }

  @Test
  void restartPolicyOutsideThePodEnumIsUnsupportedTwice() {
    assertEquals(List.of(
        "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\","
            + " \"Never\"",
        "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\""),
        job("restartPolicy: Never", "restartPolicy: Sometimes"));
  }

  @Test
  void countsMayNotBeNegative() {
    assertEquals(List.of("spec.parallelism: Invalid value: -2: must be greater than or equal to 0",
        "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"),
        job("  backoffLimit: 4\n", "  backoffLimit: -1\n  parallelism: -2\n"));
  }

  @Test
  void aManualSelectorMustMatch() {
    assertEquals(List.of("spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not"
        + " match template `labels`"),
        job("  backoffLimit: 4\n", "  manualSelector: true\n  selector:\n    matchLabels: {job: pi}\n"));
  }
}
