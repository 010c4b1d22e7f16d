package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Set;

/**
 * The spec/status split of the Kubernetes kinds: which kinds have a status subresource (a write to
 * the main resource keeps the stored status), and metadata.generation, which counts spec changes so
 * that a controller's status.observedGeneration tells whether it has seen the latest spec.
 */
final class Subresources {
  /** Kinds whose status only the status subresource writes (Pods keep theirs through admission). */
  static final Set<String> STATUS = Set.of("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "Service", "Ingress");

  private Subresources() {}

  static boolean hasStatus(String kind) {
    return STATUS.contains(kind);
  }

  /** Gives {@code target} the status of {@code source} (two objects of one kind). */
  static void copyStatus(HasMetadata source, HasMetadata target) {
    try {
      Method get = source.getClass().getMethod("getStatus");
      target.getClass().getMethod("setStatus", get.getReturnType()).invoke(target, get.invoke(source));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(source.getKind() + " has no status", e);
    }
  }

  static Object status(HasMetadata o) {
    return property(o, "getStatus");
  }

  /** Sets metadata.generation: 1 on creation, one more whenever the spec changes. */
  static void stampGeneration(HasMetadata obj, HasMetadata old) {
    if (!hasSpec(obj)) {
      return;
    }
    if (old == null || old.getMetadata().getGeneration() == null) {
      obj.getMetadata().setGeneration(1L);
    } else {
      long g = old.getMetadata().getGeneration();
      obj.getMetadata().setGeneration(Objects.equals(property(old, "getSpec"), property(obj, "getSpec")) ? g : g + 1);
    }
  }

  private static boolean hasSpec(HasMetadata o) {
    try {
      o.getClass().getMethod("getSpec");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static Object property(HasMetadata o, String getter) {
    try {
      return o.getClass().getMethod(getter).invoke(o);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
