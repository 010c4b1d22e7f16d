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
      return new Outcome(409, status(409, "Conflict", "Operation cannot be fulfilled on " + plural(kind) + " \"" + name
          + "\": the object has been modified; please apply your changes to the latest version and try again", kind, name), null);
    }
    Admission.Refusal refused = Admission.admit(obj, store, Set.of());
    if (refused != null) {
      return Outcome.refused(refused);
    }
    store.put(obj);
    return new Outcome(200, Json.write(obj), obj);
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
