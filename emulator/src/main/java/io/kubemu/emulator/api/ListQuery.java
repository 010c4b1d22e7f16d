package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * A list request's query: labelSelector, fieldSelector, limit and continue. Items are ordered by
 * namespace and name; the continue token names the last key returned, so a page follows on from it.
 */
record ListQuery(Selector labels, Selector fields, long limit, String after) {
  static ListQuery parse(String kind, String labelSelector, String fieldSelector, String limit, String continueToken) {
    long max;
    try {
      max = limit.isEmpty() ? 0 : Long.parseLong(limit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be an integer: " + limit);
    }
    String after = "";
    if (!continueToken.isEmpty()) {
      try {
        after = new String(Base64.getUrlDecoder().decode(continueToken), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("continue key is not valid: " + e.getMessage());
      }
    }
    return new ListQuery(Selector.labels(labelSelector), Selector.fields(kind, fieldSelector), Math.max(0, max), after);
  }

  private static String key(JsonNode o) {
    return o.path("metadata").path("namespace").asText("") + "/" + o.path("metadata").path("name").asText("");
  }

  /** Whether {@code o} matches both selectors. */
  boolean matches(JsonNode o) {
    return labels.matchesLabels(o) && fields.matchesFields(o);
  }

  /** The List of {@code kind}: the matching items after the continue key, at most limit of them. */
  ObjectNode apply(String kind, String apiVersion, long resourceVersion, List<JsonNode> items) {
    List<JsonNode> matching = new ArrayList<>(items.stream()
        .filter(o -> key(o).compareTo(after) > 0)
        .filter(this::matches)
        .toList());
    matching.sort(Comparator.comparing(ListQuery::key));
    ObjectNode out = ApiServer.object();
    out.put("kind", kind + "List");
    out.put("apiVersion", apiVersion);
    ObjectNode meta = out.putObject("metadata");
    meta.put("resourceVersion", Long.toString(resourceVersion));
    List<JsonNode> page = limit > 0 && matching.size() > limit ? matching.subList(0, (int) limit) : matching;
    if (page.size() < matching.size()) {
      meta.put("continue", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(key(page.get(page.size() - 1)).getBytes(StandardCharsets.UTF_8)));
      if (labels.isEmpty() && fields.isEmpty()) {
        meta.put("remainingItemCount", matching.size() - page.size());
      }
    }
    ArrayNode array = out.putArray("items");
    page.forEach(array::add);
    return out;
  }
}
