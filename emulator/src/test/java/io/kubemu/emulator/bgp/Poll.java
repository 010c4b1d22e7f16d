package io.kubemu.emulator.bgp;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting on something outside the JVM (a BIRD process, a socket) that no probe can be told to report. */
final class Poll {
  private static final long EVERY_MS = 20;

  private Poll() {}

  /** Asks {@code probe} until it gives a value; fails naming {@code what} and what {@code context} says then. */
  static <T> T until(String what, Duration within, Supplier<Optional<T>> probe, Supplier<String> context)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + within + "\n" + context.get());
      }
      Thread.sleep(EVERY_MS);
    }
  }
}
