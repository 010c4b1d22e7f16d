package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Map;

/** The checks the workload kinds share: a pod template, its selector, and counts that may not be negative. */
final class PodTemplates {
  static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";
  static final String NEGATIVE = "must be greater than or equal to 0";

  private PodTemplates() {}

  /**
   * {@code ValidatePodTemplateSpec}: labels and annotations, then the pod spec. The API server names template
   * labels {@code template.labels[...]}, without {@code metadata}; kept as it is.
   */
  static void validate(PodTemplateSpec template, FieldPath path, List<FieldError> errs) {
    ObjectMeta meta = meta(template);
    errs.addAll(ObjectMetaValidator.labels(meta.getLabels(), path.child("labels")));
    errs.addAll(ObjectMetaValidator.annotations(meta.getAnnotations(), path.child("annotations")));
    errs.addAll(PodValidator.spec(spec(template), path.child("spec")));
  }

  /**
   * spec.selector of Deployment, ReplicaSet and StatefulSet: required, valid, not empty. Returns false when the
   * selector cannot be parsed, in which case the API server checks nothing of the template.
   */
  static boolean selector(LabelSelector selector, String kind, String unparsable, FieldPath path, List<FieldError> errs) {
    if (selector == null) {
      errs.add(FieldError.required(path, ""));
      return true;
    }
    List<FieldError> own = LabelSelectors.validate(selector, path);
    errs.addAll(own);
    if (LabelSelectors.isEmpty(selector)) {
      errs.add(FieldError.invalidRendered(path, GoValues.labelSelector(selector), "empty selector is invalid for " + kind));
    }
    if (!own.isEmpty()) {
      errs.add(FieldError.invalidRendered(path, GoValues.labelSelector(selector), unparsable));
      return false;
    }
    return true;
  }

  /** {@code ValidatePodTemplateSpecForReplicaSet}: what Deployment and ReplicaSet check of their template. */
  static void forReplicas(LabelSelector selector, PodTemplateSpec template, String kind, FieldPath path, List<FieldError> errs) {
    if (!LabelSelectors.isEmpty(selector)) {
      selectorMatches(selector, template, path, errs);
    }
    validate(template, path, errs);
    restartAlways(template, path, errs);
    activeDeadlineForbidden(template, kind, path, errs);
  }

  static void selectorMatches(LabelSelector selector, PodTemplateSpec template, FieldPath path, List<FieldError> errs) {
    Map<String, String> labels = meta(template).getLabels();
    if (!LabelSelectors.matches(selector, labels)) {
      errs.add(FieldError.invalidRendered(path.child("metadata").child("labels"), GoValues.stringMap(labels), SELECTOR_MISMATCH));
    }
  }

  /** Pods of a controller that keeps them running: restartPolicy Always, the default when empty. */
  static void restartAlways(PodTemplateSpec template, FieldPath path, List<FieldError> errs) {
    String policy = spec(template).getRestartPolicy();
    if (policy != null && !policy.isEmpty() && !"Always".equals(policy)) {
      errs.add(FieldError.notSupported(path.child("spec").child("restartPolicy"), policy, List.of("Always")));
    }
  }

  static void activeDeadlineForbidden(PodTemplateSpec template, String kind, FieldPath path, List<FieldError> errs) {
    if (spec(template).getActiveDeadlineSeconds() != null) {
      errs.add(FieldError.forbidden(path.child("spec").child("activeDeadlineSeconds"),
          "activeDeadlineSeconds in " + kind + " is not Supported"));
    }
  }

  static void nonNegative(Number value, FieldPath path, List<FieldError> errs) {
    if (value != null && value.longValue() < 0) {
      errs.add(FieldError.invalid(path, value.longValue(), NEGATIVE));
    }
  }

  static ObjectMeta meta(PodTemplateSpec template) {
    return template == null || template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
  }

  static PodSpec spec(PodTemplateSpec template) {
    return template == null || template.getSpec() == null ? new PodSpec() : template.getSpec();
  }
}
