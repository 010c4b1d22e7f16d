package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * core/v1 Events as kube-controller-manager's recorder (client-go's tools/record) writes them: in
 * the involved object's namespace, named after it, with a reference to it (apiVersion, kind, name,
 * namespace, uid, resourceVersion), the controller's name as source.component and
 * reportingComponent, count 1 and first/lastTimestamp. That recorder sets no action; neither does
 * this. Identical events are not aggregated into one with a count, as the recorder's correlator does.
 */
public final class Events {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  private Events() {}

  public static Event normal(String component, HasMetadata involved, String reason, String message, Instant now) {
    return of(component, involved, NORMAL, reason, message, now);
  }

  public static Event warning(String component, HasMetadata involved, String reason, String message, Instant now) {
    return of(component, involved, WARNING, reason, message, now);
  }

  public static Event of(String component, HasMetadata involved, String type, String reason, String message, Instant now) {
    ObjectReference ref = reference(involved);
    String namespace = ref.getNamespace() == null || ref.getNamespace().isEmpty() ? "default" : ref.getNamespace();
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder().withApiVersion("v1").withKind("Event")
        .withNewMetadata().withName(name(ref.getName(), now, type + reason + message)).withNamespace(namespace).endMetadata()
        .withInvolvedObject(ref).withType(type).withReason(reason).withMessage(message).withCount(1)
        .withFirstTimestamp(time).withLastTimestamp(time)
        .withNewSource().withComponent(component).endSource().withReportingComponent(component).build();
  }

  /** The reference the recorder makes of an object (ref.GetReference). */
  public static ObjectReference reference(HasMetadata o) {
    return new ObjectReferenceBuilder().withApiVersion(o.getApiVersion()).withKind(o.getKind())
        .withName(o.getMetadata().getName()).withNamespace(o.getMetadata().getNamespace())
        .withUid(o.getMetadata().getUid()).withResourceVersion(o.getMetadata().getResourceVersion()).build();
  }

  /**
   * The recorder's name: the involved object's name and the hex of when the event happened, in
   * nanoseconds. A pure reconcile has one {@code now} for all it records, so the low 32 bits also
   * carry a hash of what the event says: two events of one reconcile differ, and identical ones
   * (three creates refused alike) share a name, so the store keeps the first and refuses the others.
   */
  static String name(String involved, Instant now, String says) {
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return involved + "." + Long.toHexString(nanos ^ Integer.toUnsignedLong(says.hashCode()));
  }

  /** Records {@code e} (if not null) when the write succeeded, nothing when it failed: the controllers' {@code if err == nil { Eventf(...) }}. */
  public static Action.Recording onSuccess(Event e) {
    return e == null ? Action.Recording.NONE : answer -> answer.succeeded() ? Optional.of(e) : Optional.empty();
  }

  /** RealPodControl.CreatePods: "SuccessfulCreate" with the name the store gave the pod, or "FailedCreate" with the refusal. */
  public static Action.Recording podCreated(String component, HasMetadata owner, Instant now) {
    return answer -> Optional.of(answer.succeeded()
        ? normal(component, owner, "SuccessfulCreate", "Created pod: " + answer.object().getMetadata().getName(), now)
        : warning(component, owner, "FailedCreate", "Error creating: " + answer.message(), now));
  }

  /** RealPodControl.DeletePod: "SuccessfulDelete", or "FailedDelete" with the refusal; nothing for a pod already gone. */
  public static Action.Recording podDeleted(String component, HasMetadata owner, String pod, Instant now) {
    return answer -> answer.succeeded() ? Optional.of(normal(component, owner, "SuccessfulDelete", "Deleted pod: " + pod, now))
        : answer.status() == 404 ? Optional.empty()
        : Optional.of(warning(component, owner, "FailedDelete", "Error deleting: " + answer.message(), now));
  }
}
