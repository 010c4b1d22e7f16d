package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The patch types the API server takes, by the media type of the request body, and how each applies. */
public final class Patches {
  public static final String JSON_PATCH = "application/json-patch+json";
  public static final String MERGE = "application/merge-patch+json";
  public static final String STRATEGIC = "application/strategic-merge-patch+json";
  /** Every type this API server applies, in the order the API server lists them. */
  public static final List<String> TYPES = List.of(JSON_PATCH, MERGE, STRATEGIC);

  private Patches() {}

  /**
   * {@code target} patched by {@code patchJson} of media type {@code type}. A malformed patch throws
   * IllegalArgumentException; a JSON patch operation that does not apply throws {@link JsonPatch.Failed}.
   */
  static JsonNode apply(String type, String kind, JsonNode target, String patchJson) {
    JsonNode patch = Json.read(patchJson, JsonNode.class);
    if (patch == null) {
      throw new IllegalArgumentException("the patch is empty");
    }
    return switch (type) {
      case JSON_PATCH -> JsonPatch.apply(target, patch);
      case STRATEGIC -> StrategicMergePatch.apply(kind, target, patch);
      case MERGE -> {
        if (!patch.isObject()) {
          throw new IllegalArgumentException("a merge patch must be a JSON object, not " + patch.getNodeType());
        }
        yield MergePatch.apply(target, patch);
      }
      default -> throw new IllegalArgumentException("unsupported patch type " + type + " (expected: one of " + TYPES + ")");
    };
  }
}
