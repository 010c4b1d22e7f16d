package io.kubemu.protocols.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.protocols.api.validation.FieldPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stream of JSON objects into trees, one per object, recording the line of every field from the
 * parser's token locations. Used when the file starts with '{', as kubectl decides between JSON and YAML.
 */
final class JsonTree {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Problems problems;
  private final List<Object> path = new ArrayList<>();
  private SourceMap marks;

  private JsonTree(Problems problems) {
    this.problems = problems;
  }

  static boolean looksLikeJson(String text) {
    return text.stripLeading().startsWith("{");
  }

  /** The top-level values of {@code text}; a syntax error is added to {@code problems} and ends the reading. */
  static List<SourceDocument> read(String text, Problems problems) {
    JsonTree tree = new JsonTree(problems);
    List<SourceDocument> docs = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      while (p.nextToken() != null) {
        tree.marks = new SourceMap(mark(p.currentTokenLocation()));
        docs.add(new SourceDocument(tree.value(p, 0), tree.marks));
      }
    } catch (JsonProcessingException e) {
      problems.add(mark(e.getLocation()), FieldPath.ROOT, syntaxMessage(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  private JsonNode value(JsonParser p, int depth) throws IOException {
    if (depth > YamlTree.MAX_DEPTH) {
      throw new JsonParseException(p, "nested deeper than " + YamlTree.MAX_DEPTH + " levels");
    }
    return switch (p.currentToken()) {
      case START_OBJECT -> object(p, depth);
      case START_ARRAY -> {
        ArrayNode array = JSON.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          path.add(array.size());
          marks.put(path, mark(p.currentTokenLocation()));
          array.add(value(p, depth + 1));
          path.remove(path.size() - 1);
        }
        yield array;
      }
      case VALUE_STRING -> JSON.textNode(p.getText());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> JSON.numberNode(p.getIntValue());
        case LONG -> JSON.numberNode(p.getLongValue());
        default -> JSON.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> JSON.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> JSON.booleanNode(true);
      case VALUE_FALSE -> JSON.booleanNode(false);
      default -> JSON.nullNode();
    };
  }

  private ObjectNode object(JsonParser p, int depth) throws IOException {
    ObjectNode object = JSON.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      SourceMap.Mark at = mark(p.currentTokenLocation());
      p.nextToken();
      path.add(key);
      if (object.has(key)) {
        problems.add(at, SourceMap.render(path),
            "duplicate field \"" + key + "\" (already set at line " + marks.locate(SourceMap.render(path)).line() + ")");
        value(p, depth + 1);
      } else {
        marks.put(path, at);
        object.set(key, value(p, depth + 1));
      }
      path.remove(path.size() - 1);
    }
    return object;
  }

  private static SourceMap.Mark mark(JsonLocation l) {
    return l == null ? new SourceMap.Mark(1, 1) : new SourceMap.Mark(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  /** Jackson's message without the source excerpt it appends. */
  private static String syntaxMessage(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    int cut = m.indexOf(" (start marker at");
    return (cut >= 0 ? m.substring(0, cut) : m).lines().findFirst().orElse(m);
  }
}
