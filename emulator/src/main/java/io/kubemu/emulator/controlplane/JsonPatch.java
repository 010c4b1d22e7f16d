package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch (RFC 6902, {@code application/json-patch+json}): add, remove, replace, move, copy and
 * test, with JSON pointers (RFC 6901). A patch document that is not a list of operations throws
 * IllegalArgumentException; an operation that cannot apply throws {@link Failed}.
 */
public final class JsonPatch {
  /** At most this many operations in one patch (the API server caps them too). */
  static final int MAX_OPERATIONS = 10_000;

  private JsonPatch() {}

  /** An operation that does not apply to the document: a missing path, or a failed test. */
  public static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message);
    }
  }

  /** The patched document; {@code target} is left as it was. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw new IllegalArgumentException("a JSON patch must be a list of operations, not " + patch.getNodeType());
    }
    if (patch.size() > MAX_OPERATIONS) {
      throw new IllegalArgumentException("JSON patch has " + patch.size() + " operations (expected: at most " + MAX_OPERATIONS + ")");
    }
    JsonNode doc = target.deepCopy();
    for (JsonNode op : patch) {
      doc = operation(doc, op);
    }
    return doc;
  }

  private static JsonNode operation(JsonNode doc, JsonNode op) {
    if (!op.isObject() || !op.path("op").isTextual() || !op.path("path").isTextual()) {
      throw new IllegalArgumentException("a JSON patch operation needs \"op\" and \"path\" strings: " + op);
    }
    List<String> path = pointer(op.get("path").asText());
    return switch (op.get("op").asText()) {
      case "add" -> add(doc, path, value(op));
      case "remove" -> remove(doc, path);
      case "replace" -> path.isEmpty() ? value(op) : add(remove(doc, path), path, value(op));
      case "move" -> {
        List<String> from = pointer(text(op, "from"));
        JsonNode moved = get(doc, from);
        yield add(remove(doc, from), path, moved);
      }
      case "copy" -> add(doc, path, get(doc, pointer(text(op, "from"))).deepCopy());
      case "test" -> {
        if (!get(doc, path).equals(value(op))) {
          throw new Failed("testing value " + op.get("path").asText() + " failed");
        }
        yield doc;
      }
      default -> throw new IllegalArgumentException("unexpected JSON patch operation: " + op.get("op").asText());
    };
  }

  private static JsonNode value(JsonNode op) {
    if (!op.has("value")) {
      throw new IllegalArgumentException("JSON patch operation " + op.get("op").asText() + " needs a \"value\"");
    }
    return op.get("value").deepCopy();
  }

  private static String text(JsonNode op, String field) {
    if (!op.path(field).isTextual()) {
      throw new IllegalArgumentException("JSON patch operation " + op.get("op").asText() + " needs a \"" + field + "\" string");
    }
    return op.get(field).asText();
  }

  /** The tokens of a JSON pointer: "" is the whole document, "/a/b~1c" is [a, b/c]. */
  static List<String> pointer(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("a JSON pointer starts with '/': " + text);
    }
    List<String> tokens = new ArrayList<>();
    for (String t : text.substring(1).split("/", -1)) {
      tokens.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  private static JsonNode get(JsonNode doc, List<String> path) {
    JsonNode at = doc;
    for (String token : path) {
      at = at.isObject() ? at.get(token) : at.isArray() ? at.get(index(at, token, false)) : null;
      if (at == null) {
        throw new Failed("no value at path " + String.join("/", path));
      }
    }
    return at;
  }

  private static JsonNode add(JsonNode doc, List<String> path, JsonNode value) {
    if (path.isEmpty()) {
      return value;
    }
    JsonNode parent = get(doc, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      a.insert(last.equals("-") ? a.size() : index(a, last, true), value);
    } else {
      throw new Failed("cannot add to a value that is neither an object nor a list: " + String.join("/", path));
    }
    return doc;
  }

  private static JsonNode remove(JsonNode doc, List<String> path) {
    if (path.isEmpty()) {
      throw new Failed("cannot remove the whole document");
    }
    JsonNode parent = get(doc, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o && o.has(last)) {
      o.remove(last);
    } else if (parent instanceof ArrayNode a) {
      a.remove(index(a, last, false));
    } else {
      throw new Failed("no value to remove at path " + String.join("/", path));
    }
    return doc;
  }

  private static int index(JsonNode array, String token, boolean forInsert) {
    int max = forInsert ? array.size() : array.size() - 1;
    try {
      int i = Integer.parseInt(token);
      if (i < 0 || i > max || (token.length() > 1 && token.startsWith("0"))) {
        throw new Failed("list index out of range: " + token + " (expected: 0.." + max + ")");
      }
      return i;
    } catch (NumberFormatException e) {
      throw new Failed("not a list index: " + token);
    }
  }
}
