package io.kubemu.emulator.controllers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubemu.emulator.controlplane.Json;
import java.nio.charset.StandardCharsets;

/**
 * The hash that names a pod template's revision (controller.ComputeHash): FNV-32a over the
 * template, printed in decimal and spelled with the API server's safe alphabet
 * (rand.SafeEncodeString), so a value reads like Kubernetes' own ({@code 6d5f8b9c7}). Kubernetes
 * hashes the Go struct with sorted map keys; this hashes the JSON with sorted keys, so the values
 * differ from a real cluster's but equal templates always hash alike.
 */
public final class RevisionHash {
  private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";
  private static final ObjectMapper SORTED = Json.MAPPER.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private RevisionHash() {}

  public static String of(PodTemplateSpec template) {
    String json;
    try {
      json = SORTED.writeValueAsString(SORTED.convertValue(template, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot hash a pod template", e);
    }
    int h = 0x811c9dc5;
    for (byte b : json.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    String decimal = Integer.toUnsignedString(h);
    StringBuilder out = new StringBuilder(decimal.length());
    for (char c : decimal.toCharArray()) {
      out.append(SAFE.charAt(c % SAFE.length()));
    }
    return out.toString();
  }
}
