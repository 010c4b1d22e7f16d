package io.kubemu.nodes.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter;
import org.apache.pekko.actor.typed.internal.adapter.ActorSystemAdapter;

/**
 * The classes every kubemu JVM registers under fixed ids below {@link KryoRegistrations#FIRST_ID}.
 * Kryo itself holds ids 0-9: int, String, float, boolean, byte, char, short, long, double and void,
 * each with its wrapper. An id here must never change or be reused: it is on the wire.
 */
final class KryoBuiltins {
  /** One fixed registration; a null serializer means Kryo's default for the class. */
  record Builtin(int id, Class<?> type, Serializer<?> serializer) {}

  private KryoBuiltins() {}

  static List<Builtin> all(Serializer<?> actorRefs) {
    return List.of(
        new Builtin(10, byte[].class, null),
        new Builtin(11, int[].class, null),
        new Builtin(12, long[].class, null),
        new Builtin(13, boolean[].class, null),
        new Builtin(14, double[].class, null),
        new Builtin(15, String[].class, null),
        new Builtin(16, Object[].class, null),

        new Builtin(20, ArrayList.class, null),
        new Builtin(21, LinkedList.class, null),
        new Builtin(22, HashMap.class, null),
        new Builtin(23, LinkedHashMap.class, null),
        new Builtin(24, HashSet.class, null),
        new Builtin(25, LinkedHashSet.class, null),
        new Builtin(26, TreeMap.class, null),
        new Builtin(27, TreeSet.class, null),

        // The JDK's immutable collections; Kryo's defaults for them rebuild immutable ones.
        new Builtin(30, List.of(1).getClass(), null),
        new Builtin(31, List.of(1, 2, 3).getClass(), null),
        new Builtin(32, List.of(1, 2, 3).subList(0, 1).getClass(), null),
        new Builtin(33, Set.of(1).getClass(), null),
        new Builtin(34, Set.of(1, 2, 3).getClass(), null),
        new Builtin(35, Map.of(1, 1).getClass(), null),
        new Builtin(36, Map.of(1, 1, 2, 2).getClass(), null),
        new Builtin(37, Collections.emptyList().getClass(), null),
        new Builtin(38, Collections.emptySet().getClass(), null),
        new Builtin(39, Collections.emptyMap().getClass(), null),
        new Builtin(40, Collections.singletonList(1).getClass(), null),
        new Builtin(41, Collections.singleton(1).getClass(), null),
        new Builtin(42, Collections.singletonMap(1, 1).getClass(), null),
        new Builtin(43, Arrays.asList(1).getClass(), null),

        new Builtin(50, Optional.class, null),
        new Builtin(51, Instant.class, null),
        new Builtin(52, Duration.class, null),
        new Builtin(53, UUID.class, new DefaultSerializers.UUIDSerializer()),
        new Builtin(54, BigInteger.class, null),
        new Builtin(55, BigDecimal.class, null),

        // Every typed ActorRef at runtime, local or remote, is one of these two (Pekko 1.7).
        new Builtin(60, ActorRefAdapter.class, actorRefs),
        new Builtin(61, ActorSystemAdapter.class, actorRefs));
  }

  static void registerOn(Kryo kryo, Serializer<?> actorRefs) {
    for (Builtin b : all(actorRefs)) {
      if (b.serializer() == null) {
        kryo.register(b.type(), b.id());
      } else {
        kryo.register(b.type(), b.serializer(), b.id());
      }
    }
  }
}
