package io.kubemu.emulator.host;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start one host JVM: its name, the address and port it binds, the seed to join, its roles,
 * the nodes it carries, the real ports it opens (0 picks a free one), whether its API port is shared
 * with the other control-plane hosts on this machine, and the state folder where it records them.
 */
public record HostSpec(String name, String bind, int port, String seed, List<String> roles, List<String> nodes,
    int apiPort, boolean shareApiPort, int metricsPort, Path stateDir) {
  public boolean controlPlane() {
    return roles.contains("control-plane");
  }
}
