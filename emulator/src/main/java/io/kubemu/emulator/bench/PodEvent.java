package io.kubemu.emulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One line of a pods watch, as the control-plane bench reads it: the event type, the pod's name,
 * the node it is bound to, its phase and pod IP (null when absent), the resourceVersion to watch on
 * from, and for an ERROR event the Status code (410: the version is too old, list again).
 */
record PodEvent(String type, String name, String node, String phase, String podIp, String resourceVersion, int errorCode) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static PodEvent parse(String line) {
    JsonNode event;
    try {
      event = JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("watch event is not JSON: " + abbreviate(line));
    }
    if (event == null || !event.path("type").isTextual()) {
      throw new IllegalArgumentException("watch event without a type: " + abbreviate(line));
    }
    return of(event.path("type").asText(), event.path("object"));
  }

  /** An event of {@code type} about {@code o}, a Pod (or, for ERROR, a Status). */
  static PodEvent of(String type, JsonNode o) {
    return new PodEvent(type, text(o.path("metadata").path("name")), text(o.path("spec").path("nodeName")),
        text(o.path("status").path("phase")), text(o.path("status").path("podIP")), text(o.path("metadata").path("resourceVersion")),
        o.path("code").asInt(0));
  }

  /** Running with an IP: what the bench waits for. */
  boolean running() {
    return "Running".equals(phase) && podIp != null;
  }

  boolean bound() {
    return node != null;
  }

  private static String text(JsonNode n) {
    return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
