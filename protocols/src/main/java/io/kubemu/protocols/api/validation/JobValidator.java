package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spec} of a batch/v1 Job as {@code validateJobSpec} checks it on create. Unless manualSelector is
 * true the API server generates the selector and its label itself, so only a manual selector is checked.
 */
public final class JobValidator {
  static final List<String> RESTART_POLICIES = List.of("OnFailure", "Never");

  private JobValidator() {}

  public static List<FieldError> validate(Job job) {
    JobSpec spec = job.getSpec() == null ? new JobSpec() : job.getSpec();
    FieldPath path = FieldPath.of("spec");
    List<FieldError> errs = new ArrayList<>();
    PodTemplates.nonNegative(spec.getParallelism(), path.child("parallelism"), errs);
    PodTemplates.nonNegative(spec.getCompletions(), path.child("completions"), errs);
    PodTemplates.nonNegative(spec.getActiveDeadlineSeconds(), path.child("activeDeadlineSeconds"), errs);
    PodTemplates.nonNegative(spec.getBackoffLimit(), path.child("backoffLimit"), errs);
    PodTemplates.nonNegative(spec.getTtlSecondsAfterFinished(), path.child("ttlSecondsAfterFinished"), errs);
    FieldPath template = path.child("template");
    if (Boolean.TRUE.equals(spec.getManualSelector())) {
      if (spec.getSelector() == null) {
        errs.add(FieldError.required(path.child("selector"), ""));
      } else {
        List<FieldError> own = LabelSelectors.validate(spec.getSelector(), path.child("selector"));
        errs.addAll(own);
        if (own.isEmpty()) {
          PodTemplates.selectorMatches(spec.getSelector(), spec.getTemplate(), template, errs);
        }
      }
    }
    PodTemplates.validate(spec.getTemplate(), template, errs);
    // An empty restartPolicy is defaulted to Always before this check, hence "Required" for both.
    String policy = PodTemplates.spec(spec.getTemplate()).getRestartPolicy();
    FieldPath policyPath = template.child("spec").child("restartPolicy");
    if (policy == null || policy.isEmpty() || policy.equals("Always")) {
      errs.add(FieldError.required(policyPath, "valid values: \"OnFailure\", \"Never\""));
    } else if (!RESTART_POLICIES.contains(policy)) {
      errs.add(FieldError.notSupported(policyPath, policy, RESTART_POLICIES));
    }
    return errs;
  }
}
