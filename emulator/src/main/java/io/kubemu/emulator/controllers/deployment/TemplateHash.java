package io.kubemu.emulator.controllers.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubemu.emulator.controlplane.Json;
import java.util.Map;

/**
 * The pod-template-hash of a Deployment's template (controller.ComputeHash): FNV-32a over the
 * template, then over collisionCount as 8 little-endian bytes when it is set, the decimal hash
 * rendered with rand.SafeEncodeString. Kubernetes hashes a deep printing of the Go struct; kubemu
 * hashes the template's JSON with sorted keys, which is as stable and gives names of the same shape
 * ({@code web-7d4f5c6b8}).
 */
final class TemplateHash {
  /** rand.SafeEncodeString's alphabet: no vowels, no 0/1/3, so no words and no look-alikes. */
  private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";
  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;
  private static final ObjectMapper CANONICAL = Json.MAPPER.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private TemplateHash() {}

  static String of(PodTemplateSpec template, Integer collisionCount) {
    byte[] json;
    try {
      json = CANONICAL.writeValueAsBytes(CANONICAL.convertValue(template, Map.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a pod template", e);
    }
    int h = fnv(FNV_OFFSET, json);
    if (collisionCount != null) {
      int c = collisionCount;
      h = fnv(h, new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), 0, 0, 0, 0});
    }
    return safeEncode(Integer.toUnsignedString(h));
  }

  static int fnv(int h, byte[] data) {
    for (byte b : data) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return h;
  }

  /** Each character to the alphabet entry at its code modulo the alphabet's length. */
  static String safeEncode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      b.append(SAFE.charAt(s.charAt(i) % SAFE.length()));
    }
    return b.toString();
  }
}
