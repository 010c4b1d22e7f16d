package io.kubemu.emulator.controlplane;

import java.util.Locale;

/** Resource names of kinds, as the API server guesses them (meta.UnsafeGuessKindToResource). */
public final class Resources {
  private Resources() {}

  /** {@code Pod} → pods, {@code Ingress} → ingresses, {@code NetworkPolicy} → networkpolicies, {@code Endpoints} → endpoints. */
  public static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || lower.equals("endpoints")) {
      return lower;
    }
    if (lower.endsWith("s")) {
      return lower + "es";
    }
    if (lower.endsWith("y")) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }
}
