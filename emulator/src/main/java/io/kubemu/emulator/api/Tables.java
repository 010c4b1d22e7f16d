package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.api.TableColumns.Column;
import io.kubemu.emulator.api.TableColumns.Printer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Server-side printing: the meta.k8s.io Table the API server answers when a client asks for one in
 * its Accept header ({@code application/json;as=Table;v=v1;g=meta.k8s.io}, as kubectl get does), with
 * one row per object and the object in each row as PartialObjectMetadata (includeObject=Metadata, the
 * default), whole (Object) or not at all (None). Pure.
 */
final class Tables {
  private Tables() {}

  /** The Table version asked for in an Accept header ("v1" or "v1beta1"), or null when no Table is asked for. */
  static String requested(String accept) {
    if (accept == null) {
      return null;
    }
    for (String range : accept.split(",")) {
      String as = null;
      String g = null;
      String v = null;
      for (String param : range.split(";")) {
        String[] kv = param.trim().split("=", 2);
        if (kv.length == 2) {
          switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
            case "as" -> as = kv[1].trim();
            case "g" -> g = kv[1].trim();
            case "v" -> v = kv[1].trim();
            default -> { }
          }
        }
      }
      if ("Table".equals(as) && "meta.k8s.io".equals(g) && ("v1".equals(v) || "v1beta1".equals(v))) {
        return v;
      }
    }
    return null;
  }

  /** Checks includeObject: None, Metadata (also when empty) or Object. */
  static String includeObject(String value) {
    String v = value == null || value.isEmpty() ? "Metadata" : value;
    if (!List.of("None", "Metadata", "Object").contains(v)) {
      throw new IllegalArgumentException("includeObject: Unsupported value: \"" + value
          + "\": supported values: \"Metadata\", \"None\", \"Object\"");
    }
    return v;
  }

  /**
   * The Table of {@code objects} (all of {@code kind}); {@code listMeta} is the list's metadata
   * (resourceVersion, continue), or null for a single object.
   */
  static ObjectNode table(String kind, String version, JsonNode listMeta, List<JsonNode> objects, String includeObject, Instant now) {
    Printer printer = TableColumns.of(kind);
    ObjectNode out = ApiServer.object();
    out.put("kind", "Table");
    out.put("apiVersion", "meta.k8s.io/" + version);
    ObjectNode meta = out.putObject("metadata");
    if (listMeta != null) {
      listMeta.fields().forEachRemaining(e -> meta.set(e.getKey(), e.getValue()));
    } else if (objects.size() == 1) {
      meta.put("resourceVersion", objects.get(0).path("metadata").path("resourceVersion").asText(""));
    }
    ArrayNode columns = out.putArray("columnDefinitions");
    for (Column c : printer.columns()) {
      columns.addObject().put("name", c.name()).put("type", c.type()).put("format", c.format())
          .put("description", c.description()).put("priority", c.priority());
    }
    ArrayNode rows = out.putArray("rows");
    for (JsonNode o : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Object cell : printer.cells().apply(o, now)) {
        if (cell instanceof Long n) {
          cells.add(n);
        } else {
          cells.add(String.valueOf(cell));
        }
      }
      completed(row, kind, o);
      switch (includeObject) {
        case "Object" -> row.set("object", o);
        case "Metadata" -> row.set("object", partial(o, version));
        default -> { }
      }
    }
    return out;
  }

  /** A succeeded or failed pod's row carries the Completed condition, as printPod sets it. */
  private static void completed(ObjectNode row, String kind, JsonNode o) {
    String phase = o.path("status").path("phase").asText();
    if (kind.equals("Pod") && (phase.equals("Succeeded") || phase.equals("Failed"))) {
      row.putArray("conditions").addObject().put("type", "Completed").put("status", "True").put("reason", phase)
          .put("message", phase.equals("Succeeded") ? "The pod has completed successfully." : "The pod failed.");
    }
  }

  private static ObjectNode partial(JsonNode o, String version) {
    ObjectNode p = ApiServer.object();
    p.put("kind", "PartialObjectMetadata");
    p.put("apiVersion", "meta.k8s.io/" + version);
    p.set("metadata", o.path("metadata").deepCopy());
    return p;
  }
}
