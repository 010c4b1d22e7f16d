package io.kubemu.emulator.controllers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubemu.emulator.controlplane.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The hash that names a pod template's revision (controller.ComputeHash): FNV-32a over the
 * template, then over collisionCount as 8 little-endian bytes when it is set, printed in decimal
 * and spelled with the API server's safe alphabet (rand.SafeEncodeString), so a value reads like
 * Kubernetes' own ({@code 7d4f5c6b8}). Kubernetes hashes the Go struct; this hashes the template's
 * {@link #canonical} JSON, so values differ from a real cluster's, but templates Kubernetes holds
 * equal (apiequality.Semantic: absent, null, empty map and empty list alike) hash alike: a
 * template that comes back through kubectl with {@code resources: {}} is still the same revision.
 */
public final class RevisionHash {
  /** rand.SafeEncodeString's alphabet: no vowels, no 0/1/3, so no words and no look-alikes. */
  private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";
  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;
  private static final ObjectMapper SORTED = Json.MAPPER.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private RevisionHash() {}

  public static String of(PodTemplateSpec template) {
    return of(template, null);
  }

  public static String of(PodTemplateSpec template, Integer collisionCount) {
    byte[] json;
    try {
      json = SORTED.writeValueAsBytes(SORTED.convertValue(canonical(template), Map.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot hash a pod template", e);
    }
    int h = fnv(FNV_OFFSET, json);
    if (collisionCount != null) {
      int c = collisionCount;
      h = fnv(h, new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), 0, 0, 0, 0});
    }
    return safeEncode(Integer.toUnsignedString(h));
  }

  /** The template as JSON without nulls, empty objects and empty lists, which Kubernetes does not tell from absent ones. */
  public static JsonNode canonical(PodTemplateSpec template) {
    JsonNode tree = Json.MAPPER.valueToTree(template);
    prune(tree);
    return tree;
  }

  /** Removes empty members (after pruning them) from objects and arrays; true when {@code n} is itself empty. */
  private static boolean prune(JsonNode n) {
    if (n instanceof ObjectNode o) {
      List<String> empty = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull() || prune(e.getValue())) {
          empty.add(e.getKey());
        }
      }
      o.remove(empty);
      return o.isEmpty();
    }
    if (n instanceof ArrayNode a) {
      for (JsonNode child : a) {
        prune(child);
      }
      return a.isEmpty();
    }
    return false;
  }

  public static int fnv(int h, byte[] data) {
    for (byte b : data) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return h;
  }

  /** Each character to the alphabet entry at its code modulo the alphabet's length. */
  public static String safeEncode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      b.append(SAFE.charAt(s.charAt(i) % SAFE.length()));
    }
    return b.toString();
  }
}
