package io.kubemu.nodes.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.kubemu.nodes.serialization.KryoBuiltins.Builtin;
import io.kubemu.nodes.serialization.TestMessages.Color;
import io.kubemu.nodes.serialization.TestMessages.Point;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

class KryoRegistrationsTest {
  private static final String POINT = "io.kubemu.nodes.serialization.TestMessages$Point";
  private static final String COLOR = "io.kubemu.nodes.serialization.TestMessages$Color";

  @Test
  void readsQuotedAndNestedClassNames() {
    KryoRegistrations r = parse("""
        "%s" = 900
        io.kubemu.nodes.serialization { "TestMessages$Color" = 901 }
        """.formatted(POINT));
    assertEquals(Map.of(Point.class, 900, Color.class, 901), r.ids());
  }

  @Test
  void theReferenceConfRegistrationsAllLoadWithDistinctIdsInTheirRanges() {
    Map<Class<?>, Integer> ids = KryoRegistrations.fromConfig(ConfigFactory.load(), loader()).ids();
    assertTrue(ids.size() >= 20, "the node and lease messages are registered: " + ids);
    assertEquals(ids.size(), Set.copyOf(ids.values()).size(), "ids are distinct");
    ids.forEach((type, id) -> assertTrue(id >= 100 && id < 900, type + " = " + id + " (expected: 100..899, tests use 900+)"));
  }

  @Test
  void aMissingClassFails() {
    var e = assertThrows(ConfigException.BadValue.class, () -> parse("\"io.kubemu.Nope\" = 900"));
    assertMessage(e, "class not found: io.kubemu.Nope");
    assertMessage(e, KryoRegistrations.PATH);
  }

  @Test
  void twoClassesSharingAnIdFail() {
    var e = assertThrows(ConfigException.BadValue.class,
        () -> parse("\"%s\" = 900\n\"%s\" = 900".formatted(POINT, COLOR)));
    assertMessage(e, "id 900 is given to both");
    assertMessage(e, POINT);
    assertMessage(e, COLOR);
  }

  @Test
  void oneClassUnderTwoIdsFails() {
    var e = assertThrows(ConfigException.BadValue.class, () -> parse("""
        "%s" = 900
        io.kubemu.nodes.serialization { "TestMessages$Point" = 901 }
        """.formatted(POINT)));
    assertMessage(e, "registered twice");
  }

  @Test
  void aReservedIdFails() {
    var e = assertThrows(ConfigException.BadValue.class, () -> parse("\"%s\" = 99".formatted(POINT)));
    assertMessage(e, "id 99 of " + POINT + " is reserved (expected: >= 100)");
  }

  @Test
  void anIdThatIsNotANumberFails() {
    assertThrows(ConfigException.WrongType.class, () -> parse("\"%s\" = nine-hundred".formatted(POINT)));
  }

  @Test
  void aBadRegistrationFailsTheActorSystemAtStart() {
    Config bad = ConfigFactory.parseString(KryoRegistrations.PATH + " { \"io.kubemu.Nope\" = 900 }")
        .withFallback(ConfigFactory.load());
    var e = assertThrows(ConfigException.BadValue.class,
        () -> ActorSystem.create(Behaviors.empty(), "kryo-bad-registration", bad));
    assertMessage(e, "class not found: io.kubemu.Nope");
  }

  @Test
  void builtinIdsAreUniqueAndBelowTheConfigurableRange() {
    Set<Integer> ids = new HashSet<>();
    Set<Class<?>> types = new HashSet<>();
    for (Builtin b : KryoBuiltins.all(null)) {
      assertTrue(b.id() >= 10 && b.id() < KryoRegistrations.FIRST_ID, b.toString());
      assertTrue(ids.add(b.id()), "id used twice: " + b);
      assertTrue(types.add(b.type()), "class registered twice: " + b);
    }
  }

  private static KryoRegistrations parse(String registrations) {
    Config config = ConfigFactory.parseString(KryoRegistrations.PATH + " {\n" + registrations + "\n}");
    return KryoRegistrations.fromConfig(config, loader());
  }

  private static ClassLoader loader() {
    return KryoRegistrationsTest.class.getClassLoader();
  }

  private static void assertMessage(Exception e, String part) {
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
