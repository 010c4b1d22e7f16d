package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cell formats of the API server's table printers (pkg/printers/internalversion): ages as
 * duration.HumanDuration writes them, node status and roles, container names and images, label maps.
 * Shared by the Table answers and by kubemu's own CLI, so both print what kubectl prints.
 */
public final class Printers {
  private Printers() {}

  /** duration.HumanDuration: 45s, 3m20s, 15m, 5h10m, 20h, 3d8h, 30d, 2y10d. */
  public static String humanDuration(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = d.toMinutes();
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = d.toHours();
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long days = (hours / 24) % 365;
      return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** The time since an RFC 3339 timestamp, or "<unknown>" when there is none. */
  public static String since(JsonNode timestamp, Instant now) {
    if (timestamp == null || !timestamp.isTextual() || timestamp.asText().isEmpty()) {
      return "<unknown>";
    }
    try {
      return humanDuration(Duration.between(Instant.parse(timestamp.asText()), now));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }

  /** The AGE column: the time since metadata.creationTimestamp. */
  public static String age(JsonNode metadata, Instant now) {
    return since(metadata.get("creationTimestamp"), now);
  }

  /** A node's STATUS: Ready or NotReady from its Ready condition, Unknown without one, plus SchedulingDisabled. */
  public static String nodeStatus(JsonNode node) {
    String status = "Unknown";
    for (JsonNode c : node.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        status = c.path("status").asText().equals("True") ? "Ready" : "NotReady";
      }
    }
    return node.path("spec").path("unschedulable").asBoolean() ? status + ",SchedulingDisabled" : status;
  }

  /** A node's ROLES: node-role.kubernetes.io/ROLE labels and the kubernetes.io/role label, or "<none>". */
  public static String nodeRoles(JsonNode node) {
    TreeSet<String> roles = new TreeSet<>();
    node.path("metadata").path("labels").fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("node-role.kubernetes.io/") && e.getKey().length() > "node-role.kubernetes.io/".length()) {
        roles.add(e.getKey().substring("node-role.kubernetes.io/".length()));
      } else if (e.getKey().equals("kubernetes.io/role") && !e.getValue().asText().isEmpty()) {
        roles.add(e.getValue().asText());
      }
    });
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  /** The first address of a type in a node's status, or "<none>". */
  public static String nodeAddress(JsonNode node, String type) {
    for (JsonNode a : node.path("status").path("addresses")) {
      if (a.path("type").asText().equals(type)) {
        return a.path("address").asText();
      }
    }
    return "<none>";
  }

  /** The CONTAINERS and IMAGES cells of a pod spec: names and images, comma-separated. */
  public static List<String> containers(JsonNode podSpec) {
    List<String> names = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (JsonNode c : podSpec.path("containers")) {
      names.add(c.path("name").asText());
      images.add(c.path("image").asText());
    }
    return List.of(String.join(",", names), String.join(",", images));
  }

  /** A label map as labels.FormatLabels writes it: sorted {@code k=v,k2=v2}, or "<none>". */
  public static String labels(JsonNode map) {
    Map<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> parts = new ArrayList<>();
    sorted.forEach((k, v) -> parts.add(k + "=" + v));
    return parts.isEmpty() ? "<none>" : String.join(",", parts);
  }

  /** A string field, or {@code orElse} when it is missing or empty. */
  public static String text(JsonNode node, String orElse) {
    return node == null || !node.isValueNode() || node.asText().isEmpty() ? orElse : node.asText();
  }
}
