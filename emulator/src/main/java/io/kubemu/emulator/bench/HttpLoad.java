package io.kubemu.emulator.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real HTTP load client on 127.0.0.1, keeping {@code connections} connections alive for a fixed
 * time: wrk when it is on the PATH (the usual tool, and not written in Java, so it does not share
 * this JVM's collector with what it measures), else kubemu's own {@link JavaLoadClient}.
 */
interface HttpLoad {
  /** Which client, in words for the report. */
  String describe();

  HttpLoadResult run(URI url, int connections, int seconds) throws IOException, InterruptedException;

  /** {@code auto}: wrk if found, else the built-in client; {@code wrk}: wrk or a clear failure; {@code java}: the built-in one. */
  static HttpLoad choose(String which) {
    Optional<Path> wrk = onPath("wrk");
    return switch (which) {
      case "java" -> new JavaLoadClient();
      case "wrk" -> new Wrk(wrk.orElseThrow(() -> new IllegalArgumentException("--load-client wrk: no wrk on the PATH"
          + " (install it, e.g. apt-get install wrk, or use --load-client java)")));
      case "auto" -> wrk.<HttpLoad>map(Wrk::new).orElseGet(JavaLoadClient::new);
      default -> throw new IllegalArgumentException("--load-client " + which + " (expected: auto, wrk, java)");
    };
  }

  /** An executable named {@code name} in one of the PATH's folders. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }
}
