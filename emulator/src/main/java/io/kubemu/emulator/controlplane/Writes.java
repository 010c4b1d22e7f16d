package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The REST writes of one object (create, update, merge patch) as the API server does them: path
 * checks, generateName, AlreadyExists, optimistic concurrency on metadata.resourceVersion, then
 * {@link Admission} and the store. Pure logic over the store, run by the API store actor.
 */
final class Writes {
  /** The alphabet and length of the API server's generateName suffix (utilrand.String). */
  private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final int SUFFIX_LENGTH = 5;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Writes() {}

  /** The HTTP status and the body (the stored object, or a Status), with the object written on success. */
  record Outcome(int code, String json, HasMetadata written) {
    static Outcome refused(Admission.Refusal r) {
      return new Outcome(r.code(), r.statusJson(), null);
    }
  }

  static Outcome create(ObjectStore store, String kind, String namespace, String json) {
    HasMetadata obj;
    try {
      obj = parse(kind, namespace, json);
    } catch (IllegalArgumentException e) {
      return Outcome.refused(Admission.status(400, "BadRequest", e.getMessage()));
    }
    String generate = obj.getMetadata().getGenerateName();
    if ((obj.getMetadata().getName() == null || obj.getMetadata().getName().isEmpty()) && generate != null && !generate.isEmpty()) {
      obj.getMetadata().setName(generate + suffix());
    }
    obj.getMetadata().setResourceVersion(null);
    Admission.Refusal refused = Admission.admit(obj, store, Set.of());
    if (refused != null) {
      return Outcome.refused(refused);
    }
    String name = obj.getMetadata().getName();
    if (store.get(kind, obj.getMetadata().getNamespace(), name).isPresent()) {
      return new Outcome(409, status(409, "AlreadyExists", plural(kind) + " \"" + name + "\" already exists", kind, name), null);
    }
    store.put(obj);
    return new Outcome(201, Json.write(obj), obj);
  }

  static Outcome update(ObjectStore store, String kind, String namespace, String name, String json) {
    HasMetadata obj;
    try {
      obj = parse(kind, namespace, json);
    } catch (IllegalArgumentException e) {
      return Outcome.refused(Admission.status(400, "BadRequest", e.getMessage()));
    }
    if (!name.equals(obj.getMetadata().getName())) {
      return Outcome.refused(Admission.status(400, "BadRequest",
          "the name of the object (" + obj.getMetadata().getName() + ") does not match the name on the URL (" + name + ")"));
    }
    HasMetadata old = store.get(kind, namespace, name).orElse(null);
    if (old == null) {
      return new Outcome(404, status(404, "NotFound", plural(kind) + " \"" + name + "\" not found", kind, name), null);
    }
    String version = obj.getMetadata().getResourceVersion();
    if (version != null && !version.isEmpty() && !version.equals(old.getMetadata().getResourceVersion())) {
      return new Outcome(409, conflict(kind, name), null);
    }
    obj.getMetadata().setDeletionTimestamp(old.getMetadata().getDeletionTimestamp());
    Admission.Refusal refused = Admission.admit(obj, store, Set.of());
    if (refused != null) {
      return Outcome.refused(refused);
    }
    store.put(obj);
    finishDeletion(store, obj);
    return new Outcome(200, Json.write(obj), obj);
  }

  /** Replaces the status of the stored object with the one in {@code json} (the status subresource); the rest is kept. */
  static Outcome updateStatus(ObjectStore store, String kind, String namespace, String name, String json) {
    HasMetadata obj;
    try {
      obj = parse(kind, namespace, json);
    } catch (IllegalArgumentException e) {
      return Outcome.refused(Admission.status(400, "BadRequest", e.getMessage()));
    }
    HasMetadata old = store.get(kind, obj.getMetadata().getNamespace(), name).orElse(null);
    if (old == null) {
      return new Outcome(404, status(404, "NotFound", plural(kind) + " \"" + name + "\" not found", kind, name), null);
    }
    String version = obj.getMetadata().getResourceVersion();
    if (version != null && !version.isEmpty() && !version.equals(old.getMetadata().getResourceVersion())) {
      return new Outcome(409, conflict(kind, name), null);
    }
    if (java.util.Objects.equals(Subresources.status(old), Subresources.status(obj))) {
      return new Outcome(200, Json.write(old), old);
    }
    HasMetadata updated = Json.copy(old);
    Subresources.copyStatus(obj, updated);
    store.update(updated);
    return new Outcome(200, Json.write(updated), updated);
  }

  /**
   * Deletes {@code obj} as the API server does: with finalizers (its own, or the garbage
   * collector's orphan / foregroundDeletion that the propagation policy adds) it is only marked
   * with a deletionTimestamp, and goes when the last finalizer is removed; without, it goes now.
   */
  static Outcome delete(ObjectStore store, HasMetadata obj, String propagationPolicy) {
    String finalizer;
    if (propagationPolicy == null || propagationPolicy.isEmpty() || propagationPolicy.equals("Background")) {
      finalizer = null;
    } else if (propagationPolicy.equals("Orphan") || propagationPolicy.equals("Foreground")) {
      finalizer = propagationPolicy.equals("Orphan") ? "orphan" : "foregroundDeletion";
    } else {
      return Outcome.refused(Admission.status(400, "BadRequest", "propagationPolicy: Unsupported value: \"" + propagationPolicy
          + "\": supported values: \"Background\", \"Foreground\", \"Orphan\""));
    }
    java.util.List<String> finalizers = new java.util.ArrayList<>(
        obj.getMetadata().getFinalizers() == null ? java.util.List.of() : obj.getMetadata().getFinalizers());
    if (finalizer != null && !finalizers.contains(finalizer)) {
      finalizers.add(finalizer);
    }
    String name = obj.getMetadata().getName();
    if (finalizers.isEmpty()) {
      store.remove(obj.getKind(), obj.getMetadata().getNamespace(), name);
      return new Outcome(200, Json.write(obj), obj);
    }
    HasMetadata marked = Json.copy(obj);
    marked.getMetadata().setFinalizers(finalizers);
    if (marked.getMetadata().getDeletionTimestamp() == null) {
      marked.getMetadata().setDeletionTimestamp(PodStatuses.now());
      marked.getMetadata().setDeletionGracePeriodSeconds(0L);
    }
    store.update(marked);
    return new Outcome(200, Json.write(marked), marked);
  }

  /** An object being deleted whose last finalizer was just removed goes now (Pods go when their kubelet says so). */
  private static void finishDeletion(ObjectStore store, HasMetadata obj) {
    java.util.List<String> finalizers = obj.getMetadata().getFinalizers();
    if (obj.getMetadata().getDeletionTimestamp() != null && (finalizers == null || finalizers.isEmpty())
        && !(obj instanceof io.fabric8.kubernetes.api.model.Pod)) {
      store.remove(obj.getKind(), obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    }
  }

  /** Applies a JSON merge patch to the stored object, then updates with the result (conditional if the patch names a resourceVersion). */
  static Outcome patch(ObjectStore store, String kind, String namespace, String name, String patchJson) {
    HasMetadata old = store.get(kind, namespace, name).orElse(null);
    if (old == null) {
      return new Outcome(404, status(404, "NotFound", plural(kind) + " \"" + name + "\" not found", kind, name), null);
    }
    JsonNode patched;
    try {
      JsonNode patch = Json.read(patchJson, JsonNode.class);
      if (!patch.isObject()) {
        throw new IllegalArgumentException("a merge patch must be a JSON object, not " + patch.getNodeType());
      }
      patched = MergePatch.apply(Json.MAPPER.valueToTree(old), patch);
    } catch (IllegalArgumentException e) {
      return Outcome.refused(Admission.status(400, "BadRequest", e.getMessage()));
    }
    return update(store, kind, namespace, name, Json.write(patched));
  }

  /** Reads the body and checks its kind and namespace against the request path (the path's namespace is used when the body has none). */
  private static HasMetadata parse(String kind, String namespace, String json) {
    HasMetadata obj = Json.read(json);
    if (!kind.equals(obj.getKind())) {
      throw new IllegalArgumentException("the kind of the object (" + obj.getKind() + ") does not match the resource of the request ("
          + plural(kind) + ", expected kind " + kind + ")");
    }
    if (obj.getMetadata() == null) {
      obj.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    }
    String own = obj.getMetadata().getNamespace();
    if (namespace != null && own != null && !own.isEmpty() && !own.equals(namespace)) {
      throw new IllegalArgumentException("the namespace of the provided object does not match the namespace sent on the request");
    }
    if (namespace != null) {
      obj.getMetadata().setNamespace(namespace);
    }
    return obj;
  }

  private static String conflict(String kind, String name) {
    return status(409, "Conflict", "Operation cannot be fulfilled on " + plural(kind) + " \"" + name
        + "\": the object has been modified; please apply your changes to the latest version and try again", kind, name);
  }

  static String suffix() {
    StringBuilder b = new StringBuilder(SUFFIX_LENGTH);
    for (int i = 0; i < SUFFIX_LENGTH; i++) {
      b.append(SUFFIX_CHARS.charAt(RANDOM.nextInt(SUFFIX_CHARS.length())));
    }
    return b.toString();
  }

  static String plural(String kind) {
    return kind.toLowerCase() + "s";
  }

  /** A Status failure with details naming the object, as AlreadyExists, Conflict and NotFound carry. */
  private static String status(int code, String reason, String message, String kind, String name) {
    Map<String, Object> s = new LinkedHashMap<>(Json.read(Statuses.failure(code, reason, message), Map.class));
    s.put("details", Map.of("name", name, "kind", plural(kind)));
    return Json.write(s);
  }
}
