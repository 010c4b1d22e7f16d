package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The columns the API server prints for each kind (pkg/printers/internalversion/printers.go), and
 * the cells of one object's row. Columns of priority 1 are the ones kubectl shows with {@code -o wide};
 * the server always sends every cell. A kind without a printer gets Name and Created At.
 */
final class TableColumns {
  static final String NAME_DOC = "Name must be unique within a namespace. Is required when creating resources, although some"
      + " resources may allow a client to request the generation of an appropriate name automatically. Name is primarily"
      + " intended for creation idempotence and configuration definition. Cannot be updated. More info:"
      + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
  static final String AGE_DOC = "CreationTimestamp is a timestamp representing the server time when this object was created."
      + " It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value."
      + " It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info:"
      + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

  /** One column definition (metav1.TableColumnDefinition). */
  record Column(String name, String type, String format, String description, int priority) {}

  /** A kind's columns and how to compute one object's cells (Strings and Longs, as the printers give them). */
  record Printer(List<Column> columns, BiFunction<JsonNode, Instant, List<Object>> cells) {}

  static Column name() {
    return new Column("Name", "string", "name", NAME_DOC, 0);
  }

  static Column age() {
    return new Column("Age", "string", "", AGE_DOC, 0);
  }

  static Column col(String name, String type, String description) {
    return new Column(name, type, "", description, 0);
  }

  static Column wide(String name, String description) {
    return new Column(name, "string", "", description, 1);
  }

  /** The default table convertor's columns: Name and Created At (the creation time as RFC 3339). */
  static final Printer DEFAULT = new Printer(
      List.of(name(), new Column("Created At", "date", "", AGE_DOC, 0)),
      (o, now) -> List.of(o.path("metadata").path("name").asText(), o.path("metadata").path("creationTimestamp").asText("")));

  private static final Map<String, Printer> BY_KIND = byKind();

  private TableColumns() {}

  private static Map<String, Printer> byKind() {
    Map<String, Printer> m = new HashMap<>();
    m.putAll(CoreColumns.PRINTERS);
    m.putAll(WorkloadColumns.PRINTERS);
    m.putAll(NetworkColumns.PRINTERS);
    return Map.copyOf(m);
  }

  static Printer of(String kind) {
    return BY_KIND.getOrDefault(kind, DEFAULT);
  }
}
