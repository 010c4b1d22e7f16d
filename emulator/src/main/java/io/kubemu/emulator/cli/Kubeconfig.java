package io.kubemu.emulator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The kubeconfig of a kubemu cluster: cluster, context and user all named {@code kubemu}, the API
 * server's plain-HTTP loopback address, no credentials (the API server asks for none).
 */
final class Kubeconfig {
  static final String NAME = "kubemu";

  private Kubeconfig() {}

  static String text(String server) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        users:
        - name: %1$s
          user: {}
        preferences: {}
        """.formatted(NAME, server);
  }

  /** Writes the file whole or not at all. */
  static void write(Path file, String server) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text(server));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
