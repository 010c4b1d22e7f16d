package io.kubemu.protocols.api.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads one YAML object without validating it, so a test can break one field and see what validation says. */
final class Manifests {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Manifests() {}

  static <T extends HasMetadata> T read(String yaml, Class<T> type) {
    try {
      return YAML.readValue(yaml, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code field: Type: value: detail} per error, as in the API server's message. */
  static List<String> errors(HasMetadata obj) {
    return Validation.validate(obj).stream().map(FieldError::toString).toList();
  }

  static <T extends HasMetadata> List<String> errors(String yaml, Class<T> type) {
    return errors(read(yaml, type));
  }
}
