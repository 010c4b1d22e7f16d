package io.kubemu.emulator.controlplane;

import java.util.LinkedHashMap;
import java.util.Map;

/** metav1.Status failures, the shape every Kubernetes API error has. */
public final class Statuses {
  private Statuses() {}

  public static String failure(int code, String reason, String message) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.put("metadata", Map.of());
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", reason);
    s.put("code", code);
    return Json.write(s);
  }
}
