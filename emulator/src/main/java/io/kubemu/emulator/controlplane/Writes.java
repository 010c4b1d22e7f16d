package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemu.protocols.api.KnownKinds;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

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
    return guarded(store, () -> created(store, kind, namespace, json));
  }

  private static Outcome created(ObjectStore store, String kind, String namespace, String json) {
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
    return update(store, kind, namespace, name, json, "");
  }

  /** A PUT of the object ({@code subresource} ""), of its status, or of its scale. */
  static Outcome update(ObjectStore store, String kind, String namespace, String name, String json, String subresource) {
    return guarded(store, () -> updated(store, kind, namespace, name, json, subresource));
  }

  private static Outcome updated(ObjectStore store, String kind, String namespace, String name, String json, String subresource) {
    if (subresource.equals("scale")) {
      return updateScale(store, kind, namespace, name, json);
    }
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
      return notFound(kind, name);
    }
    String version = obj.getMetadata().getResourceVersion();
    if (version != null && !version.isEmpty() && !version.equals(old.getMetadata().getResourceVersion())) {
      return new Outcome(409, conflict(kind, name), null);
    }
    boolean statusWrite = subresource.equals("status");
    HasMetadata written = statusWrite ? Strategies.forStatus(obj, old) : obj;
    written.getMetadata().setDeletionTimestamp(old.getMetadata().getDeletionTimestamp());
    Admission.Refusal refused = Admission.admit(written, store, Set.of(), statusWrite);
    if (refused != null) {
      return Outcome.refused(refused);
    }
    store.put(written);
    finishDeletion(store, written);
    return new Outcome(200, Json.write(written), written);
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

  /** A PUT of an autoscaling/v1 Scale: the object's spec.replicas changes; the answer is the new Scale. */
  private static Outcome updateScale(ObjectStore store, String kind, String namespace, String name, String json) {
    HasMetadata old = store.get(kind, namespace, name).orElse(null);
    if (old == null) {
      return notFound(kind, name);
    }
    JsonNode scaled;
    try {
      JsonNode scale = Json.read(json, JsonNode.class);
      if (scale == null || !scale.isObject() || !"Scale".equals(scale.path("kind").asText("Scale"))) {
        throw new IllegalArgumentException("the body of a scale request must be an autoscaling/v1 Scale");
      }
      scaled = Scales.apply(Json.MAPPER.valueToTree(old), scale);
    } catch (IllegalArgumentException e) {
      return Outcome.refused(Admission.status(400, "BadRequest", e.getMessage()));
    } catch (Scales.InvalidScale e) {
      return Outcome.refused(Admission.status(422, "Invalid", "Scale.autoscaling \"" + name + "\" is invalid: " + e.getMessage()));
    }
    Outcome out = update(store, kind, namespace, name, Json.write(scaled), "");
    return out.code() != 200 ? out
        : new Outcome(200, Json.write(Scales.of(Json.MAPPER.valueToTree(out.written()))), out.written());
  }

  /**
   * Applies a patch of media type {@code patchType} to the stored object (or to its Scale, for the scale
   * subresource), then updates with the result: conditional if the patch names a resourceVersion.
   */
  static Outcome patch(ObjectStore store, String kind, String namespace, String name, String patchType, String patchJson,
      String subresource) {
    return guarded(store, () -> patched(store, kind, namespace, name, patchType, patchJson, subresource));
  }

  private static Outcome patched(ObjectStore store, String kind, String namespace, String name, String patchType,
      String patchJson, String subresource) {
    HasMetadata old = store.get(kind, namespace, name).orElse(null);
    if (old == null) {
      return notFound(kind, name);
    }
    boolean scale = subresource.equals("scale");
    JsonNode patched;
    try {
      JsonNode current = Json.MAPPER.valueToTree(old);
      patched = Patches.apply(patchType, scale ? "Scale" : kind, scale ? Scales.of(current) : current, patchJson);
    } catch (IllegalArgumentException e) {
      return Outcome.refused(Admission.status(400, "BadRequest", e.getMessage()));
    } catch (JsonPatch.Failed e) {
      return Outcome.refused(Admission.status(422, "Invalid", e.getMessage()));
    }
    return update(store, kind, namespace, name, Json.write(patched), subresource);
  }

  /**
   * A write that fails unexpectedly answers 500 and leaves the store as it was, instead of ending the store;
   * what a refused write had allocated for a Service is given back.
   */
  private static Outcome guarded(ObjectStore store, Supplier<Outcome> write) {
    try {
      return write.get();
    } catch (RuntimeException e) {
      return Outcome.refused(Admission.status(500, "InternalError", "an error on the server (\"" + e
          + "\") has prevented the request from succeeding"));
    } finally {
      store.settleAllocations();
    }
  }

  /** The stored object, or 404 NotFound. */
  static Outcome get(ObjectStore store, String kind, String namespace, String name) {
    return store.get(kind, namespace, name).map(o -> new Outcome(200, Json.write(o), o)).orElseGet(() -> notFound(kind, name));
  }

  static Outcome notFound(String kind, String name) {
    return new Outcome(404, status(404, "NotFound", plural(kind) + " \"" + name + "\" not found", kind, name), null);
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

  /** The resource of a kind as the API server names it in messages: {@code pods}, {@code deployments.apps}. */
  static String plural(String kind) {
    String group = group(kind);
    return Resources.plural(kind) + (group.isEmpty() ? "" : "." + group);
  }

  private static String group(String kind) {
    String apiVersion = KnownKinds.findKind(kind).map(KnownKinds.Kind::apiVersion).orElse("v1");
    return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
  }

  /** A Status failure with details naming the object, as AlreadyExists, Conflict and NotFound carry. */
  private static String status(int code, String reason, String message, String kind, String name) {
    Map<String, Object> s = new LinkedHashMap<>(Json.read(Statuses.failure(code, reason, message), Map.class));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", name);
    if (!group(kind).isEmpty()) {
      details.put("group", group(kind));
    }
    details.put("kind", Resources.plural(kind));
    s.put("details", details);
    return Json.write(s);
  }
}
