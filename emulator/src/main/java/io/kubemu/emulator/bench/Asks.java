package io.kubemu.emulator.bench;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

/** The bench driver's blocking asks: it is a sequential script, not an actor. */
final class Asks {
  private Asks() {}

  static <Q, R> R ask(ActorSystem<?> system, RecipientRef<Q> to, Function<ActorRef<R>, Q> message, Duration timeout,
      String what) {
    try {
      return AskPattern.ask(to, message, timeout, system.scheduler()).toCompletableFuture().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw new IllegalStateException(what + ": no answer within " + timeout.toSeconds() + " s");
      }
      throw new IllegalStateException(what + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    }
  }

  /** Spawns a top-level actor in a system whose guardian is {@link SpawnProtocol}. */
  static <T> ActorRef<T> spawn(ActorSystem<SpawnProtocol.Command> system, Behavior<T> behavior, String name) {
    return ask(system, system, r -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), r), Duration.ofSeconds(10),
        "spawn " + name);
  }
}
