package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.protocols.api.FieldCheck;
import java.util.List;

/**
 * Request bodies as the API server decodes them before anything is stored: an object whose
 * apiVersion and kind default to those of the URL (a different apiVersion is refused), and the
 * DeleteOptions of a DELETE. Bad bodies throw IllegalArgumentException (400), or {@link Invalid} (422).
 */
final class Bodies {
  static final List<String> PROPAGATION_POLICIES = List.of("Foreground", "Background", "Orphan");

  private Bodies() {}

  /** A body that is well-formed but not valid: 422 Invalid. */
  static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message);
    }
  }

  /**
   * The object of a POST or PUT to {@code path}: a Scale for the scale subresource, else an object of the
   * resource's kind, whose values must have the right JSON types and, when {@code fieldValidation} is
   * Strict, whose fields must all be the kind's.
   */
  static JsonNode object(String body, ResourcePath path, String fieldValidation) {
    JsonNode node = ApiServer.parse(body);
    if (!node.isObject()) {
      throw new IllegalArgumentException("the body of the request must be a JSON object, not " + node.getNodeType());
    }
    ObjectNode obj = (ObjectNode) node;
    boolean scale = path.subresource().equals("scale");
    defaultOrCheck(obj, "apiVersion", scale ? "autoscaling/v1" : path.resource().groupVersion(), "API version");
    defaultOrCheck(obj, "kind", scale ? "Scale" : path.resource().kind(), "kind");
    FieldCheck.Findings found = FieldCheck.check(obj);
    String kind = path.resource().kind();
    String cannot = kind + " in version \"" + path.resource().version() + "\" cannot be handled as a " + kind + ": ";
    if (!found.invalidTypes().isEmpty()) {
      throw new IllegalArgumentException(cannot + String.join(", ", found.invalidTypes()));
    }
    if (!found.unknownFields().isEmpty() && "Strict".equals(fieldValidation)) {
      throw new IllegalArgumentException(cannot + "strict decoding error: " + String.join(", ", found.unknownFields()));
    }
    return obj;
  }

  private static void defaultOrCheck(ObjectNode obj, String field, String expected, String what) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
      obj.put(field, expected);
    } else if (!v.isTextual() || !v.asText().equals(expected)) {
      throw new IllegalArgumentException("the " + what + " in the data (" + v.asText() + ") does not match the expected "
          + what + " (" + expected + ")");
    }
  }

  /**
   * The propagation policy of a DELETE: the DeleteOptions body's (propagationPolicy, or the deprecated
   * orphanDependents), else the query's; null when neither names one (the server's default, Background).
   */
  static String propagationPolicy(String body, String fromQuery) {
    String policy = fromQuery;
    if (!body.isBlank()) {
      JsonNode options = ApiServer.parse(body);
      if (!options.isObject()) {
        throw new IllegalArgumentException("the body of a DELETE must be DeleteOptions, not " + options.getNodeType());
      }
      if (options.hasNonNull("propagationPolicy")) {
        policy = options.get("propagationPolicy").asText();
      } else if (options.path("orphanDependents").isBoolean()) {
        policy = options.get("orphanDependents").asBoolean() ? "Orphan" : "Background";
      }
    }
    if (policy != null && !PROPAGATION_POLICIES.contains(policy)) {
      throw new Invalid("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"" + policy
          + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
    }
    return policy;
  }

  /**
   * DeleteOptions' gracePeriodSeconds, from the body or the query (kubectl's {@code --grace-period},
   * {@code --now} is 1); null when neither gives one.
   */
  static Long gracePeriodSeconds(String body, String fromQuery) {
    JsonNode v = null;
    if (!body.isBlank()) {
      JsonNode options = ApiServer.parse(body);
      v = options.isObject() ? options.get("gracePeriodSeconds") : null;
    }
    String text = v != null && !v.isNull() ? v.asText() : fromQuery;
    if (text == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(text);
      if (seconds < 0) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw new Invalid("DeleteOptions.meta.k8s.io \"\" is invalid: gracePeriodSeconds: Invalid value: \"" + text
          + "\": must be greater than or equal to 0");
    }
  }
}
