package io.kubemu.protocols.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemu.protocols.api.validation.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of one object's JSON checked against its kind, as the API server decodes a request body:
 * values of the wrong JSON type, and fields the kind does not have (refused when the request asks for
 * {@code fieldValidation=Strict}, as kubectl does). An object of a kind not known here has no findings.
 */
public final class FieldCheck {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What the check found: each unknown field as {@code unknown field "spec.foo"}, each wrong type with its field. */
  public record Findings(List<String> unknownFields, List<String> invalidTypes) {}

  private FieldCheck() {}

  public static Findings check(JsonNode object) {
    Optional<KnownKinds.Kind> kind = KnownKinds.find(object.path("apiVersion").asText(), object.path("kind").asText());
    if (kind.isEmpty()) {
      return new Findings(List.of(), List.of());
    }
    Problems problems = new Problems("");
    SchemaCheck.check(MAPPER, object, kind.get().type(), FieldPath.ROOT, problems, new SourceMap(new SourceMap.Mark(0, 0)));
    List<String> unknown = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (ManifestProblem p : problems.list()) {
      if (p.message().startsWith("unknown field ")) {
        unknown.add(p.message());
      } else {
        invalid.add(p.field().isEmpty() ? p.message() : p.field() + ": " + p.message());
      }
    }
    return new Findings(List.copyOf(unknown), List.copyOf(invalid));
  }
}
