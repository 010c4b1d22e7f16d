package io.kubemu.protocols.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.protocols.api.validation.FieldPath;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML stream into JSON trees, one per document, the way kubectl converts YAML to JSON: YAML 1.1
 * scalars (so {@code yes} is a boolean and {@code 0755} octal), anchors, aliases and {@code <<} merge keys.
 * snakeyaml's composer keeps the start mark of every node, which gives each field its line.
 */
final class YamlTree {
  static final int MAX_DEPTH = 100;
  /** Caps what aliases can expand to, so a "billion laughs" file is refused rather than exhausting memory. */
  static final int MAX_NODES = 250_000;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Problems problems;
  private final Scalars scalars = new Scalars();
  private final List<Object> path = new ArrayList<>();
  /** Nodes already converted: a second visit is an alias, whose fields are placed at the alias itself. */
  private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private SourceMap marks;
  private int nodes;

  private YamlTree(Problems problems) {
    this.problems = problems;
  }

  /** The documents of {@code text}; a syntax error is added to {@code problems} and ends the reading. */
  static List<SourceDocument> read(String text, Problems problems) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    options.setNestingDepthLimit(MAX_DEPTH);
    YamlTree tree = new YamlTree(problems);
    List<SourceDocument> docs = new ArrayList<>();
    try {
      for (Node root : new Yaml(options).composeAll(new StringReader(text))) {
        tree.marks = new SourceMap(mark(root.getStartMark()));
        docs.add(new SourceDocument(tree.value(root, 0, true), tree.marks));
      }
    } catch (MarkedYAMLException e) {
      problems.add(mark(e.getProblemMark()), FieldPath.ROOT, syntaxMessage(e));
    } catch (YAMLException | TooLarge e) {
      problems.add(tree.marks == null ? new SourceMap.Mark(1, 1) : tree.marks.start(), FieldPath.ROOT, e.getMessage());
    }
    return docs;
  }

  private JsonNode value(Node node, int depth, boolean placeFields) {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
      throw new TooLarge("file too large: more than " + MAX_NODES + " values or " + MAX_DEPTH
          + " levels once aliases are expanded");
    }
    boolean place = placeFields && seen.add(node);
    if (node instanceof MappingNode m) {
      return mapping(m, depth, place);
    }
    if (node instanceof SequenceNode s) {
      var array = JSON.arrayNode();
      for (Node item : s.getValue()) {
        path.add(array.size());
        if (place) {
          marks.put(path, mark(item.getStartMark()));
        }
        array.add(value(item, depth + 1, place));
        path.remove(path.size() - 1);
      }
      return array;
    }
    return scalars.json((ScalarNode) node);
  }

  /** Explicit keys first, duplicates refused; then keys merged in with {@code <<}, which never override. */
  private ObjectNode mapping(MappingNode m, int depth, boolean place) {
    ObjectNode object = JSON.objectNode();
    List<Node> merged = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      if (Tag.MERGE.equals(t.getKeyNode().getTag())) {
        Node source = t.getValueNode();
        merged.addAll(source instanceof SequenceNode s ? s.getValue() : List.of(source));
        continue;
      }
      String key = key(t.getKeyNode());
      if (key == null) {
        continue;
      }
      if (object.has(key)) {
        SourceMap.Mark first = marks.locate(fieldPath(key));
        problems.add(mark(t.getKeyNode().getStartMark()), fieldPath(key),
            "duplicate field \"" + key + "\" (already set at line " + first.line() + ")");
        continue;
      }
      entry(object, key, t, depth, place);
    }
    for (Node source : merged) {
      if (!(source instanceof MappingNode sm)) {
        problems.add(mark(source.getStartMark()), fieldPath("<<"), "a merge key (<<) must refer to a mapping");
        continue;
      }
      for (NodeTuple t : sm.getValue()) {
        String key = key(t.getKeyNode());
        if (key != null && !object.has(key)) {
          entry(object, key, t, depth, place);
        }
      }
    }
    return object;
  }

  private void entry(ObjectNode object, String key, NodeTuple t, int depth, boolean place) {
    path.add(key);
    if (place) {
      marks.put(path, mark(t.getKeyNode().getStartMark()));
    }
    object.set(key, value(t.getValueNode(), depth + 1, place));
    path.remove(path.size() - 1);
  }

  private String key(Node keyNode) {
    if (keyNode instanceof ScalarNode s) {
      return s.getValue();
    }
    problems.add(mark(keyNode.getStartMark()), SourceMap.render(path), "a mapping key must be a string, not a "
        + keyNode.getNodeId().name());
    return null;
  }

  private FieldPath fieldPath(String key) {
    List<Object> p = new ArrayList<>(path);
    p.add(key);
    return SourceMap.render(p);
  }

  static SourceMap.Mark mark(Mark m) {
    return new SourceMap.Mark(m.getLine() + 1, m.getColumn() + 1);
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    if (e.getContext() != null && e.getContextMark() != null) {
      return problem + " (" + e.getContext() + " started at line " + (e.getContextMark().getLine() + 1) + ")";
    }
    return problem;
  }

  /** YAML 1.1 scalars through snakeyaml's own constructors, as JSON values; other tags stay strings. */
  private static final class Scalars extends SafeConstructor {
    Scalars() {
      super(new LoaderOptions());
    }

    JsonNode json(ScalarNode node) {
      Tag tag = node.getTag();
      if (Tag.NULL.equals(tag)) {
        return JSON.nullNode();
      }
      if (Tag.BOOL.equals(tag) || Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
        Object v = yamlConstructors.get(tag).construct(node);
        if (v instanceof Boolean b) {
          return JSON.booleanNode(b);
        }
        if (v instanceof Integer i) {
          return JSON.numberNode(i);
        }
        if (v instanceof Long l) {
          return JSON.numberNode(l);
        }
        if (v instanceof BigInteger b) {
          return JSON.numberNode(b);
        }
        if (v instanceof Double d) {
          return JSON.numberNode(d);
        }
      }
      return JSON.textNode(node.getValue());
    }
  }

  private static final class TooLarge extends RuntimeException {
    TooLarge(String message) {
      super(message, null, false, false);
    }
  }
}
