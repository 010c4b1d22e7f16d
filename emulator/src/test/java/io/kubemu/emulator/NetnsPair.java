package io.kubemu.emulator;

import static io.kubemu.emulator.Shell.sh;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two Linux network namespaces, {@code km-XXXXXX-a} and {@code -b}, joined by a veth pair named
 * {@code eth0} at both ends, with one address each on a private /30: two "machines" on one box.
 * Both ends are created inside the namespaces, so nothing appears in the root namespace, and
 * {@link #close()} kills whatever still runs in them before deleting them.
 */
final class NetnsPair implements AutoCloseable {
  private final String a;
  private final String b;
  private final List<String> created = new ArrayList<>();

  private NetnsPair(String tag) {
    this.a = tag + "-a";
    this.b = tag + "-b";
  }

  /** Why namespaces cannot be made here, if they cannot: not root, or no {@code ip netns}. */
  static Optional<String> unsupported() throws IOException, InterruptedException {
    if (!Shell.run(Duration.ofSeconds(10), "id", "-u").out().strip().equals("0")) {
      return Optional.of("not running as root");
    }
    if (!Shell.works("ip", "netns", "list")) {
      return Optional.of("'ip netns' (iproute2) is not available");
    }
    return Optional.empty();
  }

  /** Creates the pair; on failure removes what it made and throws. */
  static NetnsPair create(String addressA, String addressB) throws IOException {
    NetnsPair pair = new NetnsPair("km-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000)));
    try {
      pair.add(pair.a);
      pair.add(pair.b);
      sh("ip", "-n", pair.a, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", pair.b);
      sh("ip", "-n", pair.a, "addr", "add", addressA + "/30", "dev", "eth0");
      sh("ip", "-n", pair.b, "addr", "add", addressB + "/30", "dev", "eth0");
      for (String ns : pair.created) {
        sh("ip", "-n", ns, "link", "set", "lo", "up");
        sh("ip", "-n", ns, "link", "set", "eth0", "up");
      }
      return pair;
    } catch (IOException e) {
      pair.close();
      throw e;
    }
  }

  private void add(String ns) throws IOException {
    sh("ip", "netns", "add", ns);
    created.add(ns);
  }

  String a() {
    return a;
  }

  String b() {
    return b;
  }

  /** {@code cmd} run inside namespace {@code ns}; it inherits the caller's environment. */
  static List<String> in(String ns, List<String> cmd) {
    List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    out.addAll(cmd);
    return out;
  }

  /** The namespace a process runs in. */
  static String of(long pid) throws IOException {
    return sh("ip", "netns", "identify", Long.toString(pid)).strip();
  }

  /** Kills every process left in the namespaces and deletes them; safe to call twice. */
  @Override
  public void close() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String ns : List.copyOf(created)) {
      try {
        for (String pid : sh("ip", "netns", "pids", ns).lines().toList()) {
          ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(p -> Shell.stop(p, Duration.ZERO));
        }
        sh("ip", "netns", "del", ns);
        created.remove(ns);
      } catch (IOException | RuntimeException e) {
        problems.add(ns + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IOException("cannot remove network namespaces " + problems);
    }
  }
}
