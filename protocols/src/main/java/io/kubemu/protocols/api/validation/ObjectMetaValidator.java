package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code metadata} as the API server validates it on create ({@code ValidateObjectMeta}). A namespace left
 * empty is not an error here: like kubectl, the caller fills in the default namespace.
 */
public final class ObjectMetaValidator {
  public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

  private ObjectMetaValidator() {}

  /**
   * @param nameFormat the format of this kind's names, e.g. {@link Formats#dns1123Subdomain}
   * @param namespaced whether the kind lives in a namespace; cluster-scoped kinds ignore metadata.namespace
   */
  public static List<FieldError> validate(ObjectMeta meta, boolean namespaced,
      Function<String, List<String>> nameFormat, FieldPath path) {
    ObjectMeta m = meta == null ? new ObjectMeta() : meta;
    List<FieldError> errs = new ArrayList<>();
    String generateName = orEmpty(m.getGenerateName());
    String name = orEmpty(m.getName());
    if (!generateName.isEmpty()) {
      for (String msg : nameFormat.apply(maskTrailingDash(generateName))) {
        errs.add(FieldError.invalid(path.child("generateName"), generateName, msg));
      }
    }
    if (name.isEmpty()) {
      if (generateName.isEmpty()) {
        errs.add(FieldError.required(path.child("name"), "name or generateName is required"));
      }
    } else {
      for (String msg : nameFormat.apply(name)) {
        errs.add(FieldError.invalid(path.child("name"), name, msg));
      }
    }
    String namespace = orEmpty(m.getNamespace());
    if (namespaced && !namespace.isEmpty()) {
      for (String msg : Formats.dns1123Label(namespace)) {
        errs.add(FieldError.invalid(path.child("namespace"), namespace, msg));
      }
    }
    errs.addAll(labels(m.getLabels(), path.child("labels")));
    errs.addAll(annotations(m.getAnnotations(), path.child("annotations")));
    return errs;
  }

  /** Label keys are qualified names and values label values; errors name the key, e.g. {@code metadata.labels[app]}. */
  public static List<FieldError> labels(Map<String, String> labels, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (labels == null) {
      return errs;
    }
    labels.forEach((k, v) -> {
      for (String msg : Formats.qualifiedName(k)) {
        errs.add(FieldError.invalid(path.key(k), k, msg));
      }
      for (String msg : Formats.labelValue(orEmpty(v))) {
        errs.add(FieldError.invalid(path.key(k), orEmpty(v), msg));
      }
    });
    return errs;
  }

  /** Annotation keys are qualified names in any case; all keys and values together stay under 256 KiB. */
  public static List<FieldError> annotations(Map<String, String> annotations, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (annotations == null) {
      return errs;
    }
    long total = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      for (String msg : Formats.qualifiedName(e.getKey().toLowerCase(Locale.ROOT))) {
        errs.add(FieldError.invalid(path.key(e.getKey()), e.getKey(), msg));
      }
      total += e.getKey().getBytes(StandardCharsets.UTF_8).length + orEmpty(e.getValue()).getBytes(StandardCharsets.UTF_8).length;
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errs.add(FieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    return errs;
  }

  /** A generateName prefix may end in '-'; Kubernetes masks it before checking (its exact quirk kept). */
  static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
