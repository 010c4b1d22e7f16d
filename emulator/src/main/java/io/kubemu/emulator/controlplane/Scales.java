package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The /scale subresource of Deployments, ReplicaSets and StatefulSets: the autoscaling/v1 Scale view
 * of an object (spec.replicas, status.replicas, status.selector) and the object a Scale write makes.
 */
public final class Scales {
  private Scales() {}

  /** The Scale of {@code obj} (its JSON); an unset spec.replicas is the default, 1. */
  public static ObjectNode of(JsonNode obj) {
    ObjectNode scale = Json.MAPPER.createObjectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    JsonNode from = obj.path("metadata");
    for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (from.hasNonNull(field)) {
        meta.set(field, from.get(field));
      }
    }
    scale.putObject("spec").put("replicas", obj.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", obj.path("status").path("replicas").asInt(0));
    status.put("selector", LabelSelectorText.format(obj.path("spec").path("selector")));
    return scale;
  }

  /**
   * {@code obj} with the replicas of {@code scale}, and the scale's resourceVersion (a precondition when
   * set). Throws IllegalArgumentException for a Scale that names another object, and
   * {@link InvalidScale} for replicas that are not a count.
   */
  static ObjectNode apply(JsonNode obj, JsonNode scale) {
    String name = obj.path("metadata").path("name").asText();
    String named = scale.path("metadata").path("name").asText(name);
    if (!named.isEmpty() && !named.equals(name)) {
      throw new IllegalArgumentException("the name of the object (" + named + ") does not match the name on the URL (" + name + ")");
    }
    JsonNode replicas = scale.path("spec").path("replicas");
    if (!replicas.isMissingNode() && !(replicas.isIntegralNumber() && replicas.canConvertToInt())) {
      throw new InvalidScale("spec.replicas: Invalid value: " + replicas + ": must be an integer");
    }
    int count = replicas.asInt(0);
    if (count < 0) {
      throw new InvalidScale("spec.replicas: Invalid value: " + count + ": must be greater than or equal to 0");
    }
    ObjectNode out = obj.deepCopy();
    out.withObject("spec").put("replicas", count);
    String version = scale.path("metadata").path("resourceVersion").asText("");
    out.withObject("metadata").put("resourceVersion", version);
    return out;
  }

  /** A Scale whose replicas are not a valid count: 422 Invalid. */
  static final class InvalidScale extends RuntimeException {
    InvalidScale(String message) {
      super(message);
    }
  }
}
