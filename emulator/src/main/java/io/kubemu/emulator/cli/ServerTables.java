package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a meta.k8s.io/v1 Table from the API server as kubectl does: priority-0 columns, all of them with -o wide. */
final class ServerTables {
  private ServerTables() {}

  /** Prints the table; false when it has no rows (nothing printed). */
  static boolean print(JsonNode table, boolean wide, boolean withNamespace) {
    List<Integer> columns = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    if (withNamespace) {
      headers.add("NAMESPACE");
    }
    JsonNode defs = table.path("columnDefinitions");
    for (int i = 0; i < defs.size(); i++) {
      if (wide || defs.get(i).path("priority").asInt(0) == 0) {
        columns.add(i);
        headers.add(defs.get(i).path("name").asText().toUpperCase(Locale.ROOT));
      }
    }
    List<JsonNode> rows = new ArrayList<>();
    table.path("rows").forEach(rows::add);
    if (rows.isEmpty()) {
      return false;
    }
    Tables.print(headers, rows, row -> {
      List<String> cells = new ArrayList<>();
      if (withNamespace) {
        cells.add(row.path("object").path("metadata").path("namespace").asText());
      }
      for (int i : columns) {
        JsonNode cell = row.path("cells").path(i);
        cells.add(cell.isNull() || cell.isMissingNode() ? "<none>" : cell.asText());
      }
      return cells;
    });
    return true;
  }
}
