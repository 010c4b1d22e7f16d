package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a merged list after a strategic merge patch (strategicpatch's normalizeElementOrder):
 * the items the patch names follow the patch's order (or its {@code $setElementOrder}), the items only
 * the server had keep theirs, and the two are interleaved by where the items stood on the server.
 * Items are identified by their merge key's value, or by themselves for scalars.
 */
final class ListOrder {
  private ListOrder() {}

  static JsonNode identity(JsonNode item, String mergeKey) {
    return mergeKey.isEmpty() ? item : item.get(mergeKey);
  }

  /** Where an item with the same identity as {@code item} is in {@code list}, or -1. */
  static int indexOf(Iterable<JsonNode> list, JsonNode item, String mergeKey) {
    return indexOfKey(list, identity(item, mergeKey), mergeKey);
  }

  static int indexOfKey(Iterable<JsonNode> list, JsonNode key, String mergeKey) {
    int i = 0;
    for (JsonNode v : list) {
      JsonNode id = identity(v, mergeKey);
      if (id != null && id.equals(key)) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** Splits {@code merged} into the items {@code patch} names and the server's own, then orders them. */
  static ArrayNode normalizeByPresence(List<JsonNode> merged, Iterable<JsonNode> patch, Iterable<JsonNode> serverOrder,
      String mergeKey) {
    List<JsonNode> patchItems = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    merged.forEach(v -> (indexOf(patch, v, mergeKey) >= 0 ? patchItems : serverOnly).add(v));
    return normalize(patchItems, serverOnly, patch, serverOrder, mergeKey);
  }

  static ArrayNode normalize(List<JsonNode> patchItems, List<JsonNode> serverOnly, Iterable<JsonNode> patchOrder,
      Iterable<JsonNode> serverOrder, String mergeKey) {
    List<JsonNode> right = new ArrayList<>(patchItems);
    right.sort(Comparator.comparingInt(v -> indexOf(patchOrder, v, mergeKey)));
    List<JsonNode> left = new ArrayList<>(serverOnly);
    left.sort(Comparator.comparingInt(v -> indexOf(serverOrder, v, mergeKey)));
    ArrayNode out = Json.MAPPER.createArrayNode();
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (j >= right.size()) {
        out.add(left.get(i++));
      } else if (i >= left.size()) {
        out.add(right.get(j++));
      } else {
        int li = indexOf(serverOrder, left.get(i), mergeKey);
        int ri = indexOf(serverOrder, right.get(j), mergeKey);
        out.add(li >= 0 && ri >= 0 && li < ri ? left.get(i++) : right.get(j++));
      }
    }
    return out;
  }
}
