package io.kubemu.emulator.controlplane;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * An ActorTestKit for the API store: a local provider (the emulator's reference.conf asks for a
 * cluster), and no JVM exit when the kit shuts down (the host config exits the JVM on shutdown).
 */
public final class StoreTestKit {
  private StoreTestKit() {}

  public static ActorTestKit create(String name) {
    return ActorTestKit.create(name, ConfigFactory.parseString("""
        pekko.actor.provider = local
        pekko.coordinated-shutdown.exit-jvm = off
        pekko.loglevel = WARNING
        """).withFallback(ConfigFactory.load()));
  }
}
