package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A label selector ({@code app=web,tier!=db,env in (a,b),!legacy}) or a field selector
 * ({@code metadata.name=x,status.phase!=Running}) as the list API parses them, matched against an
 * object's JSON. Pure data.
 */
record Selector(List<Requirement> requirements) {
  /** The fields every kind's field selector may name, and where each lives in the object. */
  private static final Map<String, String> COMMON_FIELDS = Map.of(
      "metadata.name", "/metadata/name",
      "metadata.namespace", "/metadata/namespace");
  /** The further fields each kind's field selector may name (the API server's field label conversions). */
  static final Map<String, Map<String, String>> FIELDS = Map.of(
      "Pod", Map.of("spec.nodeName", "/spec/nodeName", "spec.restartPolicy", "/spec/restartPolicy",
          "spec.schedulerName", "/spec/schedulerName", "spec.serviceAccountName", "/spec/serviceAccountName",
          "status.phase", "/status/phase", "status.podIP", "/status/podIP", "status.nominatedNodeName", "/status/nominatedNodeName"),
      "Event", Map.ofEntries(Map.entry("involvedObject.kind", "/involvedObject/kind"),
          Map.entry("involvedObject.namespace", "/involvedObject/namespace"), Map.entry("involvedObject.name", "/involvedObject/name"),
          Map.entry("involvedObject.uid", "/involvedObject/uid"), Map.entry("involvedObject.apiVersion", "/involvedObject/apiVersion"),
          Map.entry("involvedObject.resourceVersion", "/involvedObject/resourceVersion"),
          Map.entry("involvedObject.fieldPath", "/involvedObject/fieldPath"), Map.entry("reason", "/reason"),
          Map.entry("reportingComponent", "/reportingComponent"), Map.entry("source", "/source/component"), Map.entry("type", "/type")),
      "Secret", Map.of("type", "/type"),
      "Service", Map.of("spec.clusterIP", "/spec/clusterIP", "spec.type", "/spec/type"),
      "Namespace", Map.of("status.phase", "/status/phase"),
      "ReplicaSet", Map.of("status.replicas", "/status/replicas"),
      "Job", Map.of("status.successful", "/status/succeeded"));
  static final int MAX_TERMS = 100;
  private static final Pattern SET_TERM = Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$");
  private static final Pattern LABEL_KEY = Pattern.compile("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
  private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$");

  enum Op { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

  /** One term: a key (label key, or JSON pointer for a field), an operator and its values. */
  record Requirement(String key, Op op, Set<String> values) {
    boolean matches(String actual) {
      return switch (op) {
        case EQUALS, IN -> actual != null && values.contains(actual);
        case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
        case EXISTS -> actual != null;
        case DOES_NOT_EXIST -> actual == null;
      };
    }
  }

  static final Selector EVERYTHING = new Selector(List.of());

  boolean matchesLabels(JsonNode obj) {
    JsonNode labels = obj.path("metadata").path("labels");
    return requirements.stream().allMatch(r -> r.matches(labels.hasNonNull(r.key()) ? labels.get(r.key()).asText() : null));
  }

  boolean matchesFields(JsonNode obj) {
    return requirements.stream().allMatch(r -> {
      JsonNode v = obj.at(r.key());
      return r.matches(v.isMissingNode() || v.isNull() ? "" : v.asText());
    });
  }

  boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** Parses a labelSelector; a malformed one throws IllegalArgumentException with the API server's kind of message. */
  static Selector labels(String text) {
    List<Requirement> out = new ArrayList<>();
    for (String term : terms(text)) {
      Matcher set = SET_TERM.matcher(term);
      if (term.startsWith("!")) {
        out.add(new Requirement(labelKey(term.substring(1).trim()), Op.DOES_NOT_EXIST, Set.of()));
      } else if (set.matches()) {
        List<String> values = new ArrayList<>();
        for (String v : set.group(3).split(",", -1)) {
          values.add(labelValue(v.trim()));
        }
        out.add(new Requirement(labelKey(set.group(1)), set.group(2).equals("in") ? Op.IN : Op.NOT_IN, Set.copyOf(values)));
      } else if (term.contains("=")) {
        out.add(equality(term, null));
      } else {
        out.add(new Requirement(labelKey(term), Op.EXISTS, Set.of()));
      }
    }
    return new Selector(List.copyOf(out));
  }

  /** Parses a Pod fieldSelector. */
  static Selector fields(String text) {
    return fields("Pod", text);
  }

  /** Parses a fieldSelector of {@code kind}: =, == and != on metadata.name, metadata.namespace and the kind's {@link #FIELDS}. */
  static Selector fields(String kind, String text) {
    List<Requirement> out = new ArrayList<>();
    for (String term : terms(text)) {
      if (!term.contains("=")) {
        throw new IllegalArgumentException("invalid selector: '" + text + "'; can't understand '" + term + "'");
      }
      out.add(equality(term, kind));
    }
    return new Selector(List.copyOf(out));
  }

  private static Requirement equality(String term, String fieldsOf) {
    boolean label = fieldsOf == null;
    int i = term.indexOf("!=");
    Op op = i >= 0 ? Op.NOT_EQUALS : Op.EQUALS;
    if (i < 0) {
      i = term.indexOf('=');
    }
    String key = term.substring(0, i).trim();
    String value = term.substring(i + (op == Op.NOT_EQUALS || term.startsWith("==", i) ? 2 : 1)).trim();
    if (label) {
      return new Requirement(labelKey(key), op, Set.of(labelValue(value)));
    }
    String pointer = COMMON_FIELDS.getOrDefault(key, FIELDS.getOrDefault(fieldsOf, Map.of()).get(key));
    if (pointer == null) {
      throw new IllegalArgumentException("field label not supported: " + key);
    }
    return new Requirement(pointer, op, Set.of(value));
  }

  /** Splits on the commas outside parentheses; an empty selector has no terms. */
  private static List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i == text.length() ? ',' : text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String term = text.substring(start, i).trim();
        if (!term.isEmpty()) {
          out.add(term);
        }
        start = i + 1;
      }
      if (depth < 0 || depth > 1) {
        throw new IllegalArgumentException("unbalanced parentheses in selector: '" + text + "'");
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("unbalanced parentheses in selector: '" + text + "'");
    }
    if (out.size() > MAX_TERMS) {
      throw new IllegalArgumentException("selector has " + out.size() + " terms (expected: at most " + MAX_TERMS + ")");
    }
    return out;
  }

  private static String labelKey(String key) {
    if (key.length() > 317 || !LABEL_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("unable to parse requirement: invalid label key \"" + key + "\"");
    }
    return key;
  }

  private static String labelValue(String value) {
    if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException("unable to parse requirement: invalid label value: \"" + value + "\"");
    }
    return value;
  }
}
