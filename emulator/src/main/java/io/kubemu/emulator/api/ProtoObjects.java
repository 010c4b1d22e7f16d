package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.api.ProtoSchema.Field;
import io.kubemu.emulator.api.ProtoSchema.Kind;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Request bodies in the Kubernetes protobuf encoding ({@code application/vnd.kubernetes.protobuf}, what
 * kubectl create SUBCOMMAND sends) turned into the JSON object they stand for: the {@code k8s\0}
 * magic, a runtime.Unknown envelope with apiVersion and kind, and the object's generated.proto message
 * per {@link ProtoSchema}. Zero values of fields that are not pointers are left out, as Go's omitempty
 * leaves them out of JSON. Bad bytes throw IllegalArgumentException; a kind not described throws {@link Unsupported}.
 */
final class ProtoObjects {
  static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final int MAX_DEPTH = 32;

  /** A well-formed envelope around a kind this decoder does not describe. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message);
    }
  }

  private ProtoObjects() {}

  static ObjectNode decode(byte[] body) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (body.length <= i || body[i] != MAGIC[i]) {
        throw new IllegalArgumentException("not a Kubernetes protobuf object (expected: the prefix k8s\\0)");
      }
    }
    ProtoReader envelope = new ProtoReader(body, MAGIC.length, body.length);
    String apiVersion = "";
    String kind = "";
    ProtoReader raw = null;
    while (envelope.more()) {
      long tag = envelope.tag();
      int number = (int) (tag >>> 3);
      if (number == 1 && wire(tag) == ProtoReader.LENGTH_DELIMITED) {
        ProtoReader typeMeta = envelope.delimited();
        while (typeMeta.more()) {
          long t = typeMeta.tag();
          if ((t >>> 3) == 1 && wire(t) == ProtoReader.LENGTH_DELIMITED) {
            apiVersion = typeMeta.string();
          } else if ((t >>> 3) == 2 && wire(t) == ProtoReader.LENGTH_DELIMITED) {
            kind = typeMeta.string();
          } else {
            typeMeta.skip(wire(t));
          }
        }
      } else if (number == 2 && wire(tag) == ProtoReader.LENGTH_DELIMITED) {
        raw = envelope.delimited();
      } else {
        envelope.skip(wire(tag));
      }
    }
    if (!ProtoSchema.KINDS.contains(kind)) {
      throw new Unsupported("kubemu decodes protobuf bodies of " + ProtoSchema.KINDS.stream().sorted().toList()
          + " only, not " + (kind.isEmpty() ? "an object without a kind" : kind) + ": send JSON");
    }
    ObjectNode out = ApiServer.object();
    out.put("apiVersion", apiVersion);
    out.put("kind", kind);
    if (raw != null) {
      out.setAll(message(raw, kind, 0));
    }
    return out;
  }

  private static int wire(long tag) {
    return (int) (tag & 7);
  }

  private static ObjectNode message(ProtoReader r, String type, int depth) {
    if (depth > MAX_DEPTH) {
      throw r.failure("messages nested deeper than " + MAX_DEPTH);
    }
    Map<Integer, Field> fields = ProtoSchema.MESSAGES.getOrDefault(type, Map.of());
    ObjectNode out = ApiServer.object();
    while (r.more()) {
      long tag = r.tag();
      Field f = fields.get((int) (tag >>> 3));
      boolean varint = f != null && (f.kind() == Kind.INT || f.kind() == Kind.BOOL);
      if (f == null || wire(tag) != (varint ? ProtoReader.VARINT : ProtoReader.LENGTH_DELIMITED)) {
        r.skip(wire(tag));
        continue;
      }
      switch (f.kind()) {
        case STRING -> {
          String v = r.string();
          if (f.repeated()) {
            out.withArray(f.name()).add(v);
          } else if (!v.isEmpty() || f.optional()) {
            out.put(f.name(), v);
          }
        }
        case BYTES -> out.put(f.name(), Base64.getEncoder().encodeToString(r.delimited().remaining()));
        case INT -> {
          long v = r.varint();
          if (v != 0 || f.optional()) {
            out.put(f.name(), v);
          }
        }
        case BOOL -> {
          boolean v = r.varint() != 0;
          if (v || f.optional()) {
            out.put(f.name(), v);
          }
        }
        case MESSAGE -> {
          ObjectNode inner = message(r.delimited(), f.type(), depth + 1);
          if (f.repeated()) {
            out.withArray(f.name()).add(inner);
          } else {
            out.set(f.name(), inner);
          }
        }
        case STRING_MAP, BYTES_MAP, QUANTITY_MAP -> entry(r.delimited(), f.kind(), out.withObject(f.name()));
        case TIME -> time(r.delimited(), out, f.name());
        case INT_OR_STRING -> intOrString(r.delimited(), out, f.name());
        default -> r.skip(wire(tag));
      }
    }
    return out;
  }

  /** A map entry: key 1, value 2 (a string, bytes as base64, or a Quantity message holding its string). */
  private static void entry(ProtoReader r, Kind kind, ObjectNode map) {
    String key = "";
    String value = "";
    while (r.more()) {
      long tag = r.tag();
      if (wire(tag) != ProtoReader.LENGTH_DELIMITED) {
        r.skip(wire(tag));
      } else if ((tag >>> 3) == 1) {
        key = r.string();
      } else if ((tag >>> 3) == 2) {
        ProtoReader v = r.delimited();
        value = switch (kind) {
          case BYTES_MAP -> Base64.getEncoder().encodeToString(v.remaining());
          case QUANTITY_MAP -> message(v, "Quantity", 0).path("string").asText("");
          default -> new String(v.remaining(), java.nio.charset.StandardCharsets.UTF_8);
        };
      } else {
        r.skip(wire(tag));
      }
    }
    map.put(key, value);
  }

  /** metav1.Time: seconds and nanos since the epoch; the zero time is left out, as JSON has it null. */
  private static void time(ProtoReader r, ObjectNode out, String name) {
    long seconds = 0;
    while (r.more()) {
      long tag = r.tag();
      if ((tag >>> 3) == 1 && wire(tag) == ProtoReader.VARINT) {
        seconds = r.varint();
      } else {
        r.skip(wire(tag));
      }
    }
    if (seconds != 0) {
      out.put(name, Instant.ofEpochSecond(seconds).toString());
    }
  }

  /** intstr.IntOrString: type 0 is intVal, type 1 strVal. */
  private static void intOrString(ProtoReader r, ObjectNode out, String name) {
    long type = 0;
    long number = 0;
    String text = "";
    while (r.more()) {
      long tag = r.tag();
      int n = (int) (tag >>> 3);
      if (n == 1 && wire(tag) == ProtoReader.VARINT) {
        type = r.varint();
      } else if (n == 2 && wire(tag) == ProtoReader.VARINT) {
        number = r.varint();
      } else if (n == 3 && wire(tag) == ProtoReader.LENGTH_DELIMITED) {
        text = r.string();
      } else {
        r.skip(wire(tag));
      }
    }
    if (type == 1) {
      out.put(name, text);
    } else {
      out.put(name, (int) number);
    }
  }
}
