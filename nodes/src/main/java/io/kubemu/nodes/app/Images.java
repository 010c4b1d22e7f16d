package io.kubemu.nodes.app;

import io.kubemu.nodes.app.dig.Dig;
import io.kubemu.nodes.app.dig.DigDialect;
import io.kubemu.nodes.app.dns.AuthoritativeDns;
import io.kubemu.nodes.app.dns.CoreDns;
import io.kubemu.nodes.app.dns.resolver.Libc;
import io.kubemu.nodes.app.ingress.IngressNginx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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

  private static final Map<String, Supplier<App>> BUSYBOX = Map.ofEntries(
      Map.entry("ping", Ping::new),
      Map.entry("sleep", Sleep::new),
      Map.entry("nc", Netcat::new),
      Map.entry("wget", Wget::new),
      Map.entry("nslookup", Nslookup::new),
      Map.entry("echo", Builtins::new),
      Map.entry("hostname", Builtins::new),
      Map.entry("true", Builtins::new),
      Map.entry("false", Builtins::new),
      Map.entry("ip", Builtins::new),
      Map.entry("sh", Builtins::new),
      Map.entry("cat", Cat::new));

  /** What a Debian-based server image has at hand besides its server: a shell and coreutils' basics. */
  private static final Map<String, Supplier<App>> DEBIAN = Map.of(
      "sleep", Sleep::new,
      "echo", Builtins::new,
      "hostname", Builtins::new,
      "true", Builtins::new,
      "false", Builtins::new,
      "sh", Builtins::new,
      "cat", () -> new Cat(true));

  private static final Map<String, Image> IMAGES = Map.ofEntries(
      Map.entry("busybox", new Image("busybox", BUSYBOX, List.of("sh"))),
      Map.entry("udp-echo", new Image("udp-echo", Map.of("udp-echo", UdpEcho::new, "sleep", Sleep::new),
          List.of("udp-echo"))),
      Map.entry("bench", new Image("bench", Map.of("udp-flood", UdpFlood::new, "udp-sink", UdpSink::new,
          "conn-load", ConnLoad::new, "sleep", Sleep::new), List.of("udp-sink"))),
      Map.entry("nginx", nginx("nginx", 80)),
      Map.entry("nginx-unprivileged", nginx("nginx-unprivileged", 8080)),
      Map.entry("httpd", new Image("httpd", with(DEBIAN, Map.of("httpd-foreground", () -> new WebServer(new HttpdSite(), 80),
          "httpd", () -> new WebServer(new HttpdSite(), 80))), List.of("httpd-foreground"))),
      Map.entry("http-echo", new Image("http-echo", Map.of("/http-echo", HttpEcho::new, "http-echo", HttpEcho::new),
          List.of("/http-echo"))),
      Map.entry("agnhost", new Image("agnhost", with(BUSYBOX, Map.of("/agnhost", Agnhost::new, "agnhost", Agnhost::new,
          "curl", Curl::new, "dig", () -> new Dig(DigDialect.BIND_9_18))), List.of("/agnhost"))),
      Map.entry("jessie-dnsutils", new Image("jessie-dnsutils", with(DEBIAN, Map.of("dig", () -> new Dig(DigDialect.BIND_9_9))),
          List.of("sh"))),
      Map.entry("controller", new Image("controller", with(DEBIAN, Map.of("/nginx-ingress-controller", IngressNginx::new,
          "nginx-ingress-controller", IngressNginx::new, "curl", Curl::new)), List.of("/nginx-ingress-controller"))),
      Map.entry("coredns", new Image("coredns", Map.of("/coredns", CoreDns::new, "coredns", CoreDns::new), List.of("/coredns"))),
      Map.entry("dns-server", new Image("dns-server", Map.of("/dns-server", AuthoritativeDns::new, "dns-server",
          AuthoritativeDns::new, "sleep", Sleep::new), List.of("/dns-server"))),
      Map.entry("curl", entrypoint("curl", "/entrypoint.sh", List.of("curl"), true,
          with(BUSYBOX, Map.of("curl", Curl::new)))));

  /** nginx's images: their entrypoint script runs {@code nginx -g 'daemon off;'}; curl is there too. */
  private static Image nginx(String name, int port) {
    return entrypoint(name, "/docker-entrypoint.sh", List.of("nginx", "-g", "daemon off;"), false,
        with(DEBIAN, Map.of("nginx", () -> new WebServer(new NginxSite(), port), "curl", () -> new Curl(Libc.GLIBC))));
  }

  private static Map<String, Supplier<App>> with(Map<String, Supplier<App>> base, Map<String, Supplier<App>> more) {
    Map<String, Supplier<App>> all = new HashMap<>(base);
    all.putAll(more);
    return Map.copyOf(all);
  }

  /** An image whose ENTRYPOINT is a script (see {@link Entrypoint}) and whose CMD is {@code cmd}. */
  private static Image entrypoint(String name, String script, List<String> cmd, boolean wrapsArguments,
      Map<String, Supplier<App>> programs) {
    Map<String, Supplier<App>> all = new HashMap<>(programs);
    Function<String, Optional<App>> lookup = n -> Optional.ofNullable(all.get(n)).map(Supplier::get);
    all.put(script, () -> new Entrypoint(lookup, cmd, wrapsArguments));
    return new Image(name, Map.copyOf(all), List.of(script));
  }

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
