package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.controlplane.PatchSchema.Field;
import io.kubemu.emulator.controlplane.PatchSchema.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}) as the API server applies it
 * (k8s.io/apimachinery strategicpatch.StrategicMergePatch): objects merge key by key and null removes;
 * lists the {@link PatchSchema} marks merge by their merge key (or as sets, for scalars), others are
 * replaced. Directives: {@code $patch: replace|delete} in an object or a list element,
 * {@code $retainKeys}, {@code $deleteFromPrimitiveList/<list>} and {@code $setElementOrder/<list>}.
 * No directive is ever left in the result. Bad patches throw IllegalArgumentException.
 */
public final class StrategicMergePatch {
  static final int MAX_DEPTH = 64;
  private static final String PATCH = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String DELETE_FROM = "$deleteFromPrimitiveList/";
  private static final String ORDER = "$setElementOrder/";

  private StrategicMergePatch() {}

  /** The patched document for an object of {@code kind}; {@code original} is left as it was. */
  public static JsonNode apply(String kind, JsonNode original, JsonNode patch) {
    if (!patch.isObject()) {
      throw new IllegalArgumentException("a strategic merge patch must be a JSON object, not " + patch.getNodeType());
    }
    ObjectNode target = original != null && original.isObject() ? (ObjectNode) original.deepCopy() : null;
    return mergeMap(target, (ObjectNode) patch.deepCopy(), PatchSchema.forKind(kind), 0);
  }

  private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, Type type, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("patch nested too deeply: " + depth + " (expected: at most " + MAX_DEPTH + ")");
    }
    JsonNode directive = patch.remove(PATCH);
    if (directive != null) {
      return switch (directive.asText()) {
        case "replace" -> mergeMap(null, patch, type, depth + 1);
        case "delete" -> Json.MAPPER.createObjectNode();
        default -> throw new IllegalArgumentException("Unknown patch type: " + directive + " in map: " + patch);
      };
    }
    ObjectNode out = original == null ? Json.MAPPER.createObjectNode() : original;
    retainKeys(out, patch);
    setElementOrders(out, patch, type, depth);
    for (Map.Entry<String, JsonNode> e : List.copyOf(patch.properties())) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      boolean deleteList = key.startsWith(DELETE_FROM);
      if (deleteList) {
        key = key.substring(DELETE_FROM.length());
        if (!value.isArray()) {
          throw new IllegalArgumentException("invalid patch: " + DELETE_FROM + key + " must be a list of values");
        }
      } else if (key.startsWith("$")) {
        continue;
      }
      Field field = type.field(key);
      JsonNode current = out.get(key);
      if (value.isNull()) {
        out.remove(key);
      } else if (current == null || current.isNull() || current.getNodeType() != value.getNodeType()) {
        if (!deleteList) {
          out.set(key, fresh(value, field, depth + 1));
        }
      } else if (value.isObject()) {
        out.set(key, mergeMap((ObjectNode) current, (ObjectNode) value, PatchSchema.of(field.type()), depth + 1));
      } else if (value.isArray() && field.merge()) {
        out.set(key, mergeList((ArrayNode) current, (ArrayNode) value, field, deleteList, depth + 1));
      } else if (!deleteList) {
        out.set(key, fresh(value, field, depth + 1));
      }
    }
    return out;
  }

  /** A patch value with nothing to merge into: taken as it is, less its directives. */
  private static JsonNode fresh(JsonNode value, Field field, int depth) {
    if (value.isObject()) {
      return mergeMap(null, (ObjectNode) value, PatchSchema.of(field.type()), depth);
    }
    if (value.isArray() && field.merge()) {
      return mergeList(Json.MAPPER.createArrayNode(), (ArrayNode) value, field, false, depth);
    }
    if (value.isArray()) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      value.forEach(v -> out.add(v.isObject() ? mergeMap(null, (ObjectNode) v, PatchSchema.of(field.type()), depth + 1) : v));
      return out;
    }
    return value;
  }

  /** {@code $retainKeys}: keys of the original not in the list are cleared; the patch may only set listed keys. */
  private static void retainKeys(ObjectNode original, ObjectNode patch) {
    JsonNode retain = patch.remove(RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw new IllegalArgumentException("invalid patch: " + RETAIN_KEYS + " must be a list of keys");
    }
    Set<String> keep = new HashSet<>();
    retain.forEach(k -> keep.add(k.asText()));
    patch.properties().forEach(e -> {
      if (!e.getValue().isNull() && !e.getKey().startsWith("$") && !keep.contains(e.getKey())) {
        throw new IllegalArgumentException("invalid patch: " + RETAIN_KEYS + " does not contain " + e.getKey());
      }
    });
    original.retain(keep);
  }

  /** {@code $setElementOrder/<list>}: the list is merged, then ordered as the directive says. */
  private static void setElementOrders(ObjectNode original, ObjectNode patch, Type type, int depth) {
    for (String directive : List.copyOf(patchKeys(patch))) {
      if (!directive.startsWith(ORDER)) {
        continue;
      }
      JsonNode order = patch.remove(directive);
      String key = directive.substring(ORDER.length());
      if (!order.isArray()) {
        throw new IllegalArgumentException("invalid patch: " + directive + " must be a list");
      }
      Field field = type.field(key);
      JsonNode current = original.get(key);
      JsonNode listPatch = patch.remove(key);
      if ((current != null && !current.isArray()) || (listPatch != null && !listPatch.isArray())) {
        throw new IllegalArgumentException("invalid patch: " + key + " is not a list, but " + directive + " orders it");
      }
      ArrayNode merged;
      if (current != null && listPatch != null) {
        merged = field.merge() ? mergeList((ArrayNode) current, (ArrayNode) listPatch, field, false, depth + 1)
            : (ArrayNode) fresh(listPatch, field, depth + 1);
      } else if (listPatch != null) {
        merged = (ArrayNode) fresh(listPatch, field, depth + 1);
      } else if (current != null) {
        merged = (ArrayNode) current;
      } else {
        continue;
      }
      String mergeKey = field.mergeKey();
      List<JsonNode> inOrder = new ArrayList<>();
      List<JsonNode> serverOnly = new ArrayList<>();
      merged.forEach(v -> (ListOrder.indexOf(order, v, mergeKey) >= 0 ? inOrder : serverOnly).add(v));
      original.set(key, ListOrder.normalize(inOrder, serverOnly, order, current == null ? Json.MAPPER.createArrayNode() : current, mergeKey));
    }
  }

  private static List<String> patchKeys(ObjectNode patch) {
    List<String> keys = new ArrayList<>();
    patch.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** A list with a merge strategy: scalars as a set, objects by their merge key. */
  private static ArrayNode mergeList(ArrayNode original, ArrayNode patch, Field field, boolean deleteList, int depth) {
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    boolean maps = elementsAreObjects(original, patch);
    String mergeKey = field.mergeKey();
    if (!maps) {
      List<JsonNode> out = new ArrayList<>();
      original.forEach(out::add);
      if (deleteList) {
        Set<JsonNode> gone = new HashSet<>();
        patch.forEach(gone::add);
        out.removeIf(gone::contains);
        return Json.MAPPER.createArrayNode().addAll(out);
      }
      patch.forEach(v -> {
        if (!out.contains(v)) {
          out.add(v);
        }
      });
      return ListOrder.normalizeByPresence(out, patch, original, "");
    }
    if (mergeKey.isEmpty()) {
      throw new IllegalArgumentException("cannot merge lists without merge key");
    }
    List<JsonNode> current = new ArrayList<>();
    original.forEach(current::add);
    List<JsonNode> plain = new ArrayList<>();
    boolean replace = false;
    for (JsonNode item : patch) {
      JsonNode directive = item.get(PATCH);
      if (directive == null) {
        plain.add(item);
      } else if (directive.asText().equals("delete")) {
        JsonNode key = requireKey(item, mergeKey);
        current.removeIf(o -> key.equals(o.get(mergeKey)));
      } else if (directive.asText().equals("replace")) {
        replace = true;
      } else if (directive.asText().equals("merge")) {
        throw new IllegalArgumentException("merging lists cannot yet be specified in the patch");
      } else {
        throw new IllegalArgumentException("Unknown patch type: " + directive + " in map: " + item);
      }
    }
    Type elementType = PatchSchema.of(field.type());
    if (replace) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      plain.forEach(item -> out.add(mergeMap(null, (ObjectNode) item, elementType, depth + 1)));
      return out;
    }
    List<JsonNode> serverOrder = List.copyOf(current);
    for (JsonNode item : plain) {
      JsonNode key = requireKey(item, mergeKey);
      int at = ListOrder.indexOfKey(current, key, mergeKey);
      if (at >= 0) {
        current.set(at, mergeMap((ObjectNode) current.get(at), (ObjectNode) item, elementType, depth + 1));
      } else {
        current.add(mergeMap(null, (ObjectNode) item, elementType, depth + 1));
      }
    }
    return ListOrder.normalizeByPresence(current, Json.MAPPER.createArrayNode().addAll(plain), serverOrder, mergeKey);
  }

  private static boolean elementsAreObjects(ArrayNode a, ArrayNode b) {
    JsonNode first = !a.isEmpty() ? a.get(0) : b.get(0);
    for (ArrayNode list : List.of(a, b)) {
      for (JsonNode v : list) {
        if (v.isArray() || v.getNodeType() != first.getNodeType()) {
          throw new IllegalArgumentException("list element types are not identical (expected: all objects or all scalars, no lists of lists)");
        }
      }
    }
    return first.isObject();
  }

  private static JsonNode requireKey(JsonNode item, String mergeKey) {
    JsonNode key = item.get(mergeKey);
    if (key == null) {
      throw new IllegalArgumentException("map: " + item + " does not contain declared merge key: " + mergeKey);
    }
    return key;
  }
}
