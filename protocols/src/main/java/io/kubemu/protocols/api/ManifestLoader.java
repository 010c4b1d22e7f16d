package io.kubemu.protocols.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.kubemu.protocols.api.validation.FieldError;
import io.kubemu.protocols.api.validation.FieldPath;
import io.kubemu.protocols.api.validation.Validation;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a manifest file, as given to {@code kubemu apply -f}, into Kubernetes objects: YAML with any number
 * of {@code ---} documents, a stream of JSON objects, or a {@code v1 List}. All or nothing: either every
 * object comes back, in file order, or a {@link ManifestException} lists every problem with its line.
 */
public final class ManifestLoader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ManifestLoader() {}

  public static List<HasMetadata> load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ManifestException(List.of(new ManifestProblem(file.toString(), 0, 0, "", "no such file")));
    } catch (CharacterCodingException e) {
      throw new ManifestException(List.of(new ManifestProblem(file.toString(), 0, 0, "", "not UTF-8 text")));
    } catch (IOException e) {
      throw new ManifestException(List.of(new ManifestProblem(file.toString(), 0, 0, "", "cannot read: " + e)));
    }
    return load(file.toString(), text);
  }

  /** @param fileName how problems name the file, e.g. {@code web.yaml} */
  public static List<HasMetadata> load(String fileName, String text) {
    Problems problems = new Problems(fileName);
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<SourceDocument> docs = JsonTree.looksLikeJson(body) ? JsonTree.read(body, problems) : YamlTree.read(body, problems);
    List<HasMetadata> objects = new ArrayList<>();
    for (SourceDocument doc : docs) {
      document(doc, problems, objects);
    }
    if (problems.size() > 0) {
      throw new ManifestException(problems.list());
    }
    return List.copyOf(objects);
  }

  private static void document(SourceDocument doc, Problems problems, List<HasMetadata> out) {
    JsonNode root = doc.root();
    if (root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      problems.add(doc.marks().start(), FieldPath.ROOT,
          "a document must be a mapping with apiVersion and kind, not " + SchemaCheck.describe(root));
      return;
    }
    if ("v1".equals(root.path("apiVersion").asText()) && "List".equals(root.path("kind").asText())) {
      list(root, doc.marks(), problems, out);
    } else {
      object(root, FieldPath.ROOT, doc.marks(), problems, out);
    }
  }

  /** A {@code v1 List}: its own fields are checked, then each item is an object of its own. */
  private static void list(JsonNode root, SourceMap marks, Problems problems, List<HasMetadata> out) {
    int before = problems.size();
    SchemaCheck.check(MAPPER, root, KubernetesList.class, FieldPath.ROOT, problems, marks);
    if (problems.size() > before) {
      return;
    }
    JsonNode items = root.path("items");
    for (int i = 0; i < items.size(); i++) {
      FieldPath at = FieldPath.of("items").index(i);
      if (items.get(i).isObject()) {
        object(items.get(i), at, marks, problems, out);
      } else {
        problems.add(marks, at, "a List item must be a mapping with apiVersion and kind, not "
            + SchemaCheck.describe(items.get(i)));
      }
    }
  }

  private static void object(JsonNode node, FieldPath at, SourceMap marks, Problems problems, List<HasMetadata> out) {
    int before = problems.size();
    String apiVersion = header(node, "apiVersion", at, marks, problems);
    String kind = header(node, "kind", at, marks, problems);
    if (apiVersion == null || kind == null) {
      return;
    }
    Optional<KnownKinds.Kind> known = KnownKinds.find(apiVersion, kind);
    if (known.isEmpty()) {
      unknownKind(apiVersion, kind, at, marks, problems);
      return;
    }
    SchemaCheck.check(MAPPER, node, known.get().type(), at, problems, marks);
    if (problems.size() > before) {
      return;
    }
    HasMetadata value;
    try {
      value = MAPPER.treeToValue(node, known.get().type());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      FieldPath field = e instanceof JsonMappingException m ? at.append(path(m)) : at;
      problems.add(marks, field, firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
      return;
    }
    for (FieldError error : Validation.validate(value)) {
      problems.add(marks, at.append(error.field()), error.body());
    }
    if (problems.size() == before) {
      out.add(value);
    }
  }

  /** apiVersion or kind: a non-empty string, or null after reporting why not. */
  private static String header(JsonNode node, String name, FieldPath at, SourceMap marks, Problems problems) {
    JsonNode v = node.path(name);
    if (v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
      problems.add(marks, at.child(name), FieldError.Type.REQUIRED.text());
      return null;
    }
    if (!v.isTextual()) {
      problems.add(marks, at.child(name), "invalid type: " + SchemaCheck.describe(v) + " (expected: string)");
      return null;
    }
    return v.asText();
  }

  private static void unknownKind(String apiVersion, String kind, FieldPath at, SourceMap marks, Problems problems) {
    String noMatch = "no matches for kind " + FieldError.quote(kind) + " in version " + FieldError.quote(apiVersion);
    Optional<KnownKinds.Kind> sameKind = KnownKinds.findKind(kind);
    if (sameKind.isPresent()) {
      problems.add(marks, at.child("apiVersion"),
          noMatch + " (expected: apiVersion " + FieldError.quote(sameKind.get().apiVersion()) + " for kind " + kind + ")");
    } else {
      problems.add(marks, at.child("kind"), noMatch + " (known kinds: " + KnownKinds.describe() + ", v1 List)");
    }
  }

  private static String path(JsonMappingException e) {
    FieldPath p = FieldPath.ROOT;
    for (JsonMappingException.Reference r : e.getPath()) {
      p = r.getFieldName() != null ? p.child(r.getFieldName()) : p.index(r.getIndex());
    }
    return p.text();
  }

  private static String firstLine(String message) {
    return message == null ? "invalid value" : message.lines().findFirst().orElse(message);
  }
}
