package io.kubemu.nodes.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Container images kubemu can run, chosen by the image's repository name (registry and tag
 * ignored: {@code docker.io/library/busybox:1.36} is busybox). Each image has the programs it ships
 * and the command it runs when the Pod gives none.
 */
public final class Images {
  /** An image: its programs by name, and its default command (ENTRYPOINT + CMD). */
  public record Image(String name, Map<String, Supplier<App>> programs, List<String> defaultCommand) {
    public Optional<App> program(String name) {
      Supplier<App> s = programs.get(name);
      return s == null ? Optional.empty() : Optional.of(s.get());
    }
  }

  private static final Map<String, Supplier<App>> BUSYBOX = Map.of(
      "ping", Ping::new,
      "sleep", Sleep::new,
      "nc", Netcat::new,
      "echo", Builtins::new,
      "hostname", Builtins::new,
      "true", Builtins::new,
      "false", Builtins::new,
      "ip", Builtins::new,
      "sh", Builtins::new);

  private static final Map<String, Image> IMAGES = Map.of(
      "busybox", new Image("busybox", BUSYBOX, List.of("sh")),
      "udp-echo", new Image("udp-echo", Map.of("udp-echo", UdpEcho::new, "sleep", Sleep::new), List.of("udp-echo")),
      "bench", new Image("bench", Map.of("udp-flood", UdpFlood::new, "udp-sink", UdpSink::new, "sleep", Sleep::new), List.of("udp-sink")));

  private Images() {}

  /** The image for a reference such as {@code busybox:1.36} or {@code ghcr.io/kubemu/udp-echo}. */
  public static Optional<Image> find(String reference) {
    String repo = reference;
    int at = repo.indexOf('@');
    if (at >= 0) {
      repo = repo.substring(0, at);
    }
    int slash = repo.lastIndexOf('/');
    int colon = repo.lastIndexOf(':');
    if (colon > slash) {
      repo = repo.substring(0, colon);
    }
    return Optional.ofNullable(IMAGES.get(repo.substring(slash + 1)));
  }

  public static List<String> known() {
    return IMAGES.keySet().stream().sorted().toList();
  }
}
