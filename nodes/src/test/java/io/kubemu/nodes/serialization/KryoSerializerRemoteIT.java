package io.kubemu.nodes.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.kubemu.nodes.serialization.TestMessages.Ping;
import io.kubemu.nodes.serialization.TestMessages.Pong;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two actor systems over Artery TCP on 127.0.0.1, Java serialization off: only Kryo can carry the messages. */
class KryoSerializerRemoteIT {
  private ActorTestKit a;
  private ActorTestKit b;

  @BeforeEach
  void start() {
    a = ActorTestKit.create("kryo-a", remoteConfig());
    b = ActorTestKit.create("kryo-b", remoteConfig());
  }

  @AfterEach
  void stop() {
    b.shutdownTestKit();
    a.shutdownTestKit();
  }

  @Test
  void bytesAndAReplyToCrossAndTheReplyComesBackOverThatRef() {
    ActorRef<Ping> echo = a.spawn(echo(), "echo");
    String echoPath = ActorRefResolver.get(a.system()).toSerializationFormat(echo);
    assertTrue(echoPath.startsWith("pekko://kryo-a@127.0.0.1:"), echoPath);
    ActorRef<Ping> remoteEcho = ActorRefResolver.get(b.system()).resolveActorRef(echoPath);
    TestProbe<Pong> probe = b.createTestProbe();

    for (int size : new int[] {0, 3, 100_000}) {
      byte[] payload = pattern(size);
      remoteEcho.tell(new Ping(payload, probe.ref()));
      Pong pong = probe.receiveMessage(Duration.ofSeconds(15));
      assertArrayEquals(reversed(payload), pong.payload(), "size " + size);
      assertEquals(b.system().address().toString(), pong.replyToAddress());
    }
  }

  /** Replies with the payload reversed and the reply ref's address, as this JVM resolved it. */
  private static Behavior<Ping> echo() {
    return Behaviors.receiveMessage(KryoSerializerRemoteIT::onPing);
  }

  private static Behavior<Ping> onPing(Ping ping) {
    ping.replyTo().tell(new Pong(reversed(ping.payload()), ping.replyTo().path().address().toString()));
    return Behaviors.same();
  }

  private static Config remoteConfig() {
    return ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.cluster.jmx.enabled = off
        pekko.remote.artery.transport = tcp
        pekko.remote.artery.canonical.hostname = 127.0.0.1
        pekko.remote.artery.canonical.port = 0
        """).withFallback(TestMessages.config());
  }

  private static byte[] pattern(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  private static byte[] reversed(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }
}
