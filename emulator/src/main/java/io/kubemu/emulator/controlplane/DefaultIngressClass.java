package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.Comparator;
import java.util.Map;

/**
 * The DefaultIngressClass admission plugin: a new Ingress that names no class (neither
 * {@code spec.ingressClassName} nor the legacy annotation) gets the IngressClass marked
 * {@code ingressclass.kubernetes.io/is-default-class: "true"}; with several marked, the newest.
 */
final class DefaultIngressClass {
  static final String ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
  private static final String LEGACY = "kubernetes.io/ingress.class";

  private DefaultIngressClass() {}

  static void apply(Ingress ing, ObjectStore store) {
    Map<String, String> annotations = ing.getMetadata().getAnnotations();
    if (ing.getSpec() == null || ing.getSpec().getIngressClassName() != null
        || (annotations != null && annotations.containsKey(LEGACY))) {
      return;
    }
    store.list(IngressClass.class, "IngressClass").stream()
        .filter(c -> c.getMetadata().getAnnotations() != null && "true".equals(c.getMetadata().getAnnotations().get(ANNOTATION)))
        .max(Comparator.comparing((IngressClass c) -> String.valueOf(c.getMetadata().getCreationTimestamp())))
        .ifPresent(c -> ing.getSpec().setIngressClassName(c.getMetadata().getName()));
  }
}
