package io.kubemu.nodes.app.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.kubemu.nodes.app.ClusterView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What ingress-nginx makes of the Ingresses of its class: one server per host (rules without a
 * host go to the catch-all server {@code _}), each with its locations. A request picks its server
 * by Host (exact name, then a {@code *.} wildcard, then the catch-all) and its location as nginx
 * does: an Exact path first, else the longest Prefix that matches whole path elements; with none,
 * the server's default backend (the Ingress's {@code defaultBackend}, else the controller's 404).
 * When two Ingresses claim the same host and path, the older one wins, as in ingress-nginx.
 */
public final class IngressConfig {
  /** The catch-all server's name, as in nginx's {@code server_name _}. */
  public static final String CATCH_ALL = "_";
  static final String SSL_REDIRECT = "nginx.ingress.kubernetes.io/ssl-redirect";
  static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  /** A Service port an Ingress sends to: {@code port} is its number or its name. */
  public record Upstream(String namespace, String service, String port) {
    /** ingress-nginx's upstream name, {@code <namespace>-<service>-<port>}, as its logs print it. */
    public String name() {
      return namespace + "-" + service + "-" + port;
    }
  }

  /** A location: requests under {@code path} go to {@code upstream}; {@code ingress} is who asked (ns/name). */
  public record Location(String path, boolean exact, Upstream upstream, String ingress, boolean sslRedirect) {
    boolean matches(String requestPath) {
      if (exact) {
        return requestPath.equals(path);
      }
      return path.equals("/") || requestPath.equals(path) || requestPath.startsWith(path + "/");
    }
  }

  /** A server: a host's locations; {@code tlsSecret} (ns/name) when an Ingress lists the host under tls. */
  public record Server(String host, List<Location> locations, Upstream defaultUpstream, String tlsSecret) {}

  /** Where one request goes: its server, and the location that matched (null: the default backend). */
  public record Route(Server server, Location location) {
    public Upstream upstream() {
      return location != null ? location.upstream() : server.defaultUpstream();
    }
  }

  private final Map<String, Server> servers;

  private IngressConfig(Map<String, Server> servers) {
    this.servers = servers;
  }

  public Map<String, Server> servers() {
    return servers;
  }

  /**
   * The configuration for the controller {@code controller} (an IngressClass's spec.controller)
   * serving class {@code className}: Ingresses whose ingressClassName names one of its classes, or
   * whose legacy class annotation says {@code className}, and with {@code withoutClass}
   * (--watch-ingress-without-class) those naming no class at all. Conflicts are told to {@code warn}.
   */
  public static IngressConfig build(ClusterView view, String controller, String className, boolean withoutClass,
      Consumer<String> warn) {
    Set<String> classes = new HashSet<>(); // only classes that exist and name this controller, as ingress-nginx checks
    for (IngressClass c : view.ingressClasses()) {
      if (c.getSpec() != null && controller.equals(c.getSpec().getController())) {
        classes.add(c.getMetadata().getName());
      }
    }
    List<Ingress> mine = view.ingresses().stream().filter(i -> ours(i, classes, className, withoutClass))
        .sorted(Comparator.comparing((Ingress i) -> String.valueOf(i.getMetadata().getCreationTimestamp()))
            .thenComparing(i -> key(i)))
        .toList();
    Map<String, Server> servers = new LinkedHashMap<>();
    Map<String, List<Location>> locations = new LinkedHashMap<>();
    Map<String, Upstream> defaults = new LinkedHashMap<>();
    Map<String, String> tls = new LinkedHashMap<>();
    locations.put(CATCH_ALL, new ArrayList<>());
    for (Ingress ing : mine) {
      String ns = ing.getMetadata().getNamespace();
      Upstream defaultBackend = upstream(ns, ing.getSpec().getDefaultBackend());
      if (defaultBackend != null) {
        defaults.putIfAbsent(CATCH_ALL, defaultBackend);
      }
      for (IngressTLS t : ing.getSpec().getTls() == null ? List.<IngressTLS>of() : ing.getSpec().getTls()) {
        for (String host : t.getHosts() == null ? List.<String>of() : t.getHosts()) {
          if (t.getSecretName() != null) {
            tls.putIfAbsent(host.toLowerCase(Locale.ROOT), ns + "/" + t.getSecretName());
          }
        }
      }
      boolean redirect = !"false".equals(annotation(ing, SSL_REDIRECT));
      for (IngressRule rule : ing.getSpec().getRules() == null ? List.<IngressRule>of() : ing.getSpec().getRules()) {
        String host = rule.getHost() == null || rule.getHost().isEmpty() ? CATCH_ALL : rule.getHost().toLowerCase(Locale.ROOT);
        List<Location> locs = locations.computeIfAbsent(host, h -> new ArrayList<>());
        if (defaultBackend != null) {
          defaults.putIfAbsent(host, defaultBackend);
        }
        if (rule.getHttp() == null) {
          continue;
        }
        for (HTTPIngressPath p : rule.getHttp().getPaths()) {
          Upstream up = upstream(ns, p.getBackend());
          if (up == null) {
            continue;
          }
          boolean exact = "Exact".equals(p.getPathType());
          String path = normalize(p.getPath(), exact);
          Optional<Location> taken = locs.stream().filter(l -> l.path().equals(path) && l.exact() == exact).findFirst();
          if (taken.isPresent()) {
            warn.accept("Conflicting path " + path + " for host " + host + " in Ingress " + key(ing)
                + ": already served by Ingress " + taken.get().ingress() + "; ignored");
            continue;
          }
          locs.add(new Location(path, exact, up, key(ing), redirect));
        }
      }
    }
    locations.forEach((host, locs) -> servers.put(host, new Server(host, List.copyOf(locs), defaults.get(host), tls.get(host))));
    tls.forEach((host, secret) -> servers.putIfAbsent(host, new Server(host, List.of(), null, secret)));
    return new IngressConfig(servers);
  }

  private static boolean ours(Ingress ing, Set<String> classes, String className, boolean withoutClass) {
    if (ing.getSpec() == null) {
      return false;
    }
    String named = ing.getSpec().getIngressClassName();
    if (named != null) {
      return classes.contains(named);
    }
    String annotated = annotation(ing, CLASS_ANNOTATION);
    return annotated != null ? className.equals(annotated) : withoutClass;
  }

  private static String annotation(Ingress ing, String name) {
    Map<String, String> a = ing.getMetadata().getAnnotations();
    return a == null ? null : a.get(name);
  }

  private static String key(Ingress ing) {
    return ing.getMetadata().getNamespace() + "/" + ing.getMetadata().getName();
  }

  private static Upstream upstream(String ns, IngressBackend b) {
    if (b == null || b.getService() == null || b.getService().getPort() == null) {
      return null; // a resource backend is not something nginx can proxy to
    }
    var port = b.getService().getPort();
    String p = port.getName() != null && !port.getName().isEmpty() ? port.getName() : String.valueOf(port.getNumber());
    return new Upstream(ns, b.getService().getName(), p);
  }

  /** A Prefix path's trailing slash does not matter (the spec matches by element); Exact paths are kept as written. */
  private static String normalize(String path, boolean exact) {
    String p = path == null || path.isEmpty() ? "/" : path;
    if (!exact) {
      while (p.length() > 1 && p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
    }
    return p;
  }

  /** The server a request for {@code hostHeader} (maybe with a port) reaches. */
  public Server server(String hostHeader) {
    String host = hostOnly(hostHeader);
    Server exact = servers.get(host);
    if (exact != null) {
      return exact;
    }
    int dot = host.indexOf('.');
    if (dot > 0) {
      Server wildcard = servers.get("*" + host.substring(dot));
      if (wildcard != null) {
        return wildcard;
      }
    }
    return servers.get(CATCH_ALL);
  }

  /** Where a request for {@code hostHeader} and {@code path} goes. */
  public Route route(String hostHeader, String path) {
    Server s = server(hostHeader);
    String p = path == null || path.isEmpty() ? "/" : path;
    Location best = null;
    for (Location l : s.locations()) {
      if (!l.matches(p)) {
        continue;
      }
      if (best == null || (l.exact() && !best.exact())
          || (l.exact() == best.exact() && l.path().length() > best.path().length())) {
        best = l;
      }
    }
    return new Route(s, best);
  }

  /** The host part of a Host header, lower-cased: without the port, brackets kept for IPv6 literals. */
  static String hostOnly(String hostHeader) {
    if (hostHeader == null) {
      return "";
    }
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
