package io.kubemu.nodes.serialization;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.kubemu.protocols.ClusterMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;

/** Cross-JVM messages for the serializer tests, registered in the tests' id range (900+). */
final class TestMessages {
  enum Color { RED, GREEN }

  record Point(int x, int y) implements ClusterMessage {}

  record Sample(
      String name,
      byte[] payload,
      List<String> tags,
      Map<String, Integer> counts,
      Set<Long> ids,
      Color color,
      Point origin,
      List<Point> path,
      Optional<String> note,
      Instant at,
      Duration ttl,
      UUID uid,
      ArrayList<Object> mixed,
      ActorRef<Point> replyTo)
      implements ClusterMessage {}

  record RefHolder(ActorRef<?> ref) implements ClusterMessage {}

  record Ping(byte[] payload, ActorRef<Pong> replyTo) implements ClusterMessage {}

  /** {@code replyToAddress} is the address of the reply ref as the replying JVM saw it. */
  record Pong(byte[] payload, String replyToAddress) implements ClusterMessage {}

  record Unregistered(int n) implements ClusterMessage {}

  private TestMessages() {}

  /** Registrations plus {@code allow-java-serialization = off}, so nothing falls back to Java. */
  static Config config() {
    return ConfigFactory.parseString("""
        pekko.loglevel = WARNING
        pekko.actor.allow-java-serialization = off
        kubemu.serialization.kryo.registrations {
          "io.kubemu.nodes.serialization.TestMessages$Point" = 900
          "io.kubemu.nodes.serialization.TestMessages$Color" = 901
          "io.kubemu.nodes.serialization.TestMessages$Sample" = 902
          "io.kubemu.nodes.serialization.TestMessages$RefHolder" = 903
          "io.kubemu.nodes.serialization.TestMessages$Ping" = 904
          "io.kubemu.nodes.serialization.TestMessages$Pong" = 905
        }
        """);
  }
}
