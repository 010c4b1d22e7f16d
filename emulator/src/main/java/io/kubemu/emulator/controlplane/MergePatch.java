package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** JSON merge patch (RFC 7386): objects merge key by key, null removes a key, anything else replaces. */
public final class MergePatch {
  /** Deeper patches than this are refused rather than recursed into. */
  static final int MAX_DEPTH = 64;

  private MergePatch() {}

  /** The patched document; {@code target} is left as it was. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    return merge(target == null ? null : target.deepCopy(), patch, 0);
  }

  private static JsonNode merge(JsonNode target, JsonNode patch, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("merge patch nested too deeply: " + depth + " (expected: at most " + MAX_DEPTH + ")");
    }
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode out = target != null && target.isObject() ? (ObjectNode) target : Json.MAPPER.createObjectNode();
    List<String> keys = new ArrayList<>();
    patch.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      JsonNode value = patch.get(key);
      if (value.isNull()) {
        out.remove(key);
      } else {
        out.set(key, merge(out.get(key), value, depth + 1));
      }
    }
    return out;
  }
}
