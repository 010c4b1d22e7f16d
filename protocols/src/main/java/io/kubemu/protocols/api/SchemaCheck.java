package io.kubemu.protocols.api;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubemu.protocols.api.calico.AsNumber;
import io.kubemu.protocols.api.validation.FieldError;
import io.kubemu.protocols.api.validation.FieldPath;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares a JSON tree with the Jackson bean properties of the class it will become, before anything is
 * deserialized: an unknown field is refused like kubectl's {@code --validate=strict}, and a value of the
 * wrong JSON type (a string for an integer, a number for a string) is refused as Go's decoder refuses it,
 * instead of being coerced. Types with their own deserializer (IntOrString, Quantity, Calico's AsNumber) are
 * checked for the JSON types they take.
 */
final class SchemaCheck {
  private final DeserializationContext context;
  private final Problems problems;
  private final SourceMap marks;

  private SchemaCheck(ObjectMapper mapper, Problems problems, SourceMap marks) {
    this.context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
        .createDummyInstance(mapper.getDeserializationConfig());
    this.problems = problems;
    this.marks = marks;
  }

  static void check(ObjectMapper mapper, JsonNode node, Class<?> type, FieldPath path, Problems problems, SourceMap marks) {
    new SchemaCheck(mapper, problems, marks).walk(node, mapper.constructType(type), path);
  }

  private void walk(JsonNode node, JavaType type, FieldPath path) {
    if (node == null || node.isNull()) {
      return;
    }
    Class<?> raw = type.getRawClass();
    if (raw == String.class) {
      expect(node.isTextual(), node, "string", path);
    } else if (raw == Integer.class || raw == int.class) {
      expect(node.isIntegralNumber() && node.canConvertToInt(), node, "int32", path);
    } else if (raw == Long.class || raw == long.class) {
      expect(node.isIntegralNumber() && node.canConvertToLong(), node, "int64", path);
    } else if (raw == Boolean.class || raw == boolean.class) {
      expect(node.isBoolean(), node, "boolean", path);
    } else if (raw == IntOrString.class) {
      expect(node.isTextual() || node.isIntegralNumber(), node, "integer or string", path);
    } else if (raw == AsNumber.class) {
      expect(node.isTextual() || node.isIntegralNumber(), node, "an AS number, e.g. 64512 or \"1.10\"", path);
    } else if (raw == Quantity.class) {
      expect(node.isTextual() || node.isNumber(), node, "quantity, e.g. \"100m\" or 2", path);
    } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
      expect(node.isNumber(), node, "number", path);
    } else if (type.isCollectionLikeType() || type.isArrayType()) {
      if (expect(node.isArray(), node, "array", path)) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), type.getContentType(), path.index(i));
        }
      }
    } else if (type.isMapLikeType()) {
      if (expect(node.isObject(), node, "object", path)) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          walk(e.getValue(), type.getContentType(), path.key(e.getKey()));
        }
      }
    } else if (raw != Object.class) {
      BeanDeserializerBase bean = plainBean(type);
      if (bean != null && expect(node.isObject(), node, "object", path)) {
        bean(node, bean, path);
      }
    }
  }

  private void bean(JsonNode node, BeanDeserializerBase bean, FieldPath path) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      FieldPath field = path.child(e.getKey());
      SettableBeanProperty property = bean.findProperty(e.getKey());
      if (property == null) {
        problems.add(marks, field, "unknown field " + FieldError.quote(field.text()) + suggestion(e.getKey(), bean));
      } else {
        walk(e.getValue(), property.getType(), field);
      }
    }
  }

  /** The bean deserializer of {@code type} when Jackson maps its fields one by one; null for the rest. */
  private BeanDeserializerBase plainBean(JavaType type) {
    try {
      JsonDeserializer<Object> d = context.findRootValueDeserializer(type);
      if (d instanceof BeanDeserializerBase bean) {
        ValueInstantiator vi = bean.getValueInstantiator();
        boolean delegating = vi.canCreateUsingDelegate() || vi.canCreateUsingArrayDelegate()
            || vi.canCreateFromString() || vi.canCreateFromInt() || vi.canCreateFromLong();
        return delegating ? null : bean;
      }
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  private boolean expect(boolean ok, JsonNode node, String expected, FieldPath path) {
    if (!ok) {
      problems.add(marks, path, "invalid type: " + describe(node) + " (expected: " + expected + ")");
    }
    return ok;
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "string " + FieldError.quote(node.asText());
    }
    if (node.isNumber() || node.isBoolean()) {
      return (node.isNumber() ? "number " : "boolean ") + node.asText();
    }
    return node.isArray() ? "array" : node.isObject() ? "object" : node.getNodeType().name().toLowerCase();
  }

  /** {@code  (did you mean "image"?)} when a known field is one or two edits away. */
  private static String suggestion(String name, BeanDeserializerBase bean) {
    String best = null;
    int bestDistance = 3;
    for (Iterator<SettableBeanProperty> it = bean.properties(); it.hasNext(); ) {
      String candidate = it.next().getName();
      int d = distance(name.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean " + FieldError.quote(best) + "?)";
  }

  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2) {
      return 3;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
