package io.kubemu.emulator.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The bench's JVMs log warnings and errors only: the report is the output. */
final class BenchLogging {
  private BenchLogging() {}

  /** Call before the first actor system starts, so logging is set up once, here, and not in a race. */
  static void warningsOnly() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.WARN);
    }
  }
}
