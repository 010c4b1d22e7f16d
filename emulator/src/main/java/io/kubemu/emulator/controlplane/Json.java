package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;

/** Kubernetes objects to and from JSON with fabric8's model (kind-directed deserialization). */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Json() {}

  public static HasMetadata read(String json) {
    try {
      KubernetesResource r = MAPPER.readValue(json, KubernetesResource.class);
      if (!(r instanceof HasMetadata h)) {
        throw new IllegalArgumentException("not an object with metadata: " + json.substring(0, Math.min(80, json.length())));
      }
      return h;
    } catch (IOException e) {
      throw new IllegalArgumentException("bad object JSON: " + e.getMessage(), e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("bad JSON: " + e.getMessage(), e);
    }
  }

  public static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize " + o.getClass().getSimpleName(), e);
    }
  }

  /** A deep copy through JSON, so stored objects are never shared with callers. */
  public static HasMetadata copy(HasMetadata o) {
    return read(write(o));
  }
}
