package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;

/** What a reconcile decides: writes for the API store to make, or to look at the key again later. */
public sealed interface Action {
  /** Creates an object (metadata.generateName is honoured). */
  record Create(HasMetadata object) implements Action {}

  /** Replaces an object, conditional on the resourceVersion it carries. */
  record Update(HasMetadata object) implements Action {}

  /** Replaces only an object's status, conditional on the resourceVersion it carries. */
  record UpdateStatus(HasMetadata object) implements Action {}

  /** Deletes an object; {@code propagationPolicy} null is Background. */
  record Delete(String kind, String namespace, String name, String propagationPolicy) implements Action {
    public static Delete of(HasMetadata o) {
      return new Delete(o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName(), null);
    }
  }

  /** Reconciles the same key again after {@code after} (a time-driven condition, such as minReadySeconds). */
  record RequeueAfter(Duration after) implements Action {}
}
