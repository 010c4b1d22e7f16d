package io.kubemu.nodes.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The classes that modules register for Kryo, read once from {@value #PATH}: an object mapping a
 * fully-qualified class name to its wire id. Ids below {@value #FIRST_ID} belong to
 * {@link KryoBuiltins}. Every JVM of one emulation must read the same registrations.
 */
public record KryoRegistrations(Map<Class<?>, Integer> ids) {
  public static final String PATH = "kubemu.serialization.kryo.registrations";
  public static final int FIRST_ID = 100;

  public KryoRegistrations {
    ids = Map.copyOf(ids);
  }

  /** Loads every configured class; fails on an unknown class, a reserved id or an id used twice. */
  public static KryoRegistrations fromConfig(Config config, ClassLoader loader) {
    Config section = config.getConfig(PATH);
    Map<Integer, String> classById = new HashMap<>();
    Map<Class<?>, Integer> ids = new LinkedHashMap<>();
    for (String key : keys(section)) {
      String className = String.join(".", ConfigUtil.splitPath(key));
      int id = section.getInt(key);
      if (id < FIRST_ID) {
        throw bad(section, key, "id " + id + " of " + className + " is reserved (expected: >= " + FIRST_ID + ")");
      }
      String previous = classById.putIfAbsent(id, className);
      if (previous != null) {
        throw bad(section, key, "id " + id + " is given to both " + previous + " and " + className
            + " (expected: one class per id)");
      }
      Class<?> type = load(section, key, className, loader);
      Integer twice = ids.putIfAbsent(type, id);
      if (twice != null) {
        throw bad(section, key, "class " + className + " is registered twice, as " + twice + " and " + id
            + " (expected: one id per class)");
      }
    }
    return new KryoRegistrations(ids);
  }

  /** Registers every class under its id; records always get Kryo's record serializer. */
  void registerOn(Kryo kryo) {
    ids.forEach((type, id) -> kryo.register(type, serializerFor(kryo, type), id));
  }

  private static <T> Serializer<?> serializerFor(Kryo kryo, Class<T> type) {
    return type.isRecord() ? new RecordSerializer<>(type) : kryo.getDefaultSerializer(type);
  }

  private static Iterable<String> keys(Config section) {
    return section.entrySet().stream().map(Map.Entry::getKey).sorted()::iterator;
  }

  private static Class<?> load(Config section, String key, String className, ClassLoader loader) {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException.BadValue(section.getValue(key).origin(), PATH + "." + key,
          "class not found: " + className + " (expected: a class on the classpath of every JVM)", e);
    }
  }

  private static ConfigException bad(Config section, String key, String message) {
    return new ConfigException.BadValue(section.getValue(key).origin(), PATH + "." + key, message);
  }
}
