package io.kubemu.nodes.app.dns;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubemu.nodes.app.App;
import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.app.ClusterView;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * CoreDNS ({@code registry.k8s.io/coredns/coredns}, program {@code /coredns -conf
 * /etc/coredns/Corefile}): the cluster's DNS server. It serves DNS over UDP and TCP on the ports
 * of its Corefile, answering from its own watch of Services and EndpointSlices ({@link
 * KubernetesZone}) and forwarding other names to the upstream nameservers; {@code health},
 * {@code ready} and {@code prometheus} serve their HTTP paths ({@link CoreDnsHttp}).
 *
 * <p>kubemu mounts no volumes, so the Corefile is read where the kubelet would have mounted it
 * from: the ConfigMap {@value #CONFIG_MAP_NAME} in {@value #CONFIG_MAP_NAMESPACE}, under the key
 * named as {@code -conf}'s file ({@code Corefile}). Without that ConfigMap it is kubeadm's default
 * Corefile for {@code cluster.local} ({@link Corefile#kubeadmDefault}). The nameservers that
 * {@code forward . /etc/resolv.conf} means are those of the pod's resolv.conf (the node's, as
 * dnsPolicy Default gives), or, when set, the environment variable {@value #UPSTREAM_ENV}:
 * addresses separated by spaces or commas, each with an optional {@code :port}. With {@code reload}, a changed ConfigMap is applied as CoreDNS reloads a
 * changed file (at once here, not after the reload interval); a bad one is logged and the running
 * configuration kept. CoreDNS waits up to 5 s for its informer before serving; then it serves
 * unsynced (NXDOMAIN becomes SERVFAIL) until the first view comes. SIGTERM ends the process after
 * {@code health}'s lameduck period, with status 0.
 */
public final class CoreDns implements App {
  public static final String UPSTREAM_ENV = ForwardConfig.RESOLV_CONF_ENV;
  public static final String CONFIG_MAP_NAMESPACE = "kube-system";
  public static final String CONFIG_MAP_NAME = "coredns";
  public static final String VERSION = "1.11.3";
  static final Duration SYNC_WAIT = Duration.ofSeconds(5);
  static final String UNSYNCED = "coredns-unsynced";
  static final String LAMEDUCK = "coredns-lameduck";
  private static final String BUILD = "linux/amd64, go1.21.11, a6338e9";
  private static final String CLUSTER_DOMAIN = "cluster.local";

  private final DnsMetrics metrics = new DnsMetrics("coredns_");
  private final Random random = new Random();
  private final Set<Integer> dnsPorts = new HashSet<>();
  private AppContext ctx;
  private GoFlags flags;
  private int defaultPort;
  private String key;
  private Forwarder forwarder;
  private CoreDnsServer server;
  private DnsEndpoint endpoint;
  private CoreDnsHttp http;
  private Corefile corefile;
  private boolean provisional;
  private ClusterView lastView;
  private ClusterIndex index = ClusterIndex.EMPTY;
  private long serial = System.currentTimeMillis() / 1000;
  private boolean synced;
  private boolean terminating;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    flags = new GoFlags("/coredns").string("conf", "Corefile", "Corefile to load").string("dns.port", "53", "Default port")
        .string("pidfile", "", "Path to write pid file").bool("plugins", "List installed plugins")
        .bool("quiet", "Quiet mode (no initialization output)").bool("version", "Show version");
    String problem = flags.parse(ctx.argv().subList(1, ctx.argv().size()));
    if (problem != null) {
      ctx.err(problem + "\n" + flags.usage());
      ctx.exit(2);
      return;
    }
    if (flags.isTrue("version") || flags.isTrue("plugins")) {
      ctx.out(flags.isTrue("version") ? "CoreDNS-" + VERSION + "\n" + BUILD + "\n" : pluginList());
      ctx.exit(0);
      return;
    }
    if (!flags.operands().isEmpty() || !validPort(flags.get("dns.port"))) {
      ctx.err(!flags.operands().isEmpty() ? "extra command line arguments: " + flags.operands() + "\n"
          : "invalid port for -dns.port: \"" + flags.get("dns.port") + "\" (expected: 1..65535)\n");
      ctx.exit(1);
      return;
    }
    defaultPort = Integer.parseInt(flags.get("dns.port"));
    key = flags.get("conf").substring(flags.get("conf").lastIndexOf('/') + 1);
    forwarder = new Forwarder(ctx, metrics, random);
    server = new CoreDnsServer(forwarder, random, this::log);
    endpoint = new DnsEndpoint(ctx, server, metrics, new QueryLog(server, this::log));
    http = new CoreDnsHttp(ctx, () -> synced && corefile != null, this::metricsText);
    ctx.watchCluster(this::onView);
    if (corefile == null && !ctx.exited()) {
      log("[INFO] plugin/kubernetes: waiting for Kubernetes API before starting server");
      ctx.schedule(UNSYNCED, SYNC_WAIT);
    }
  }

  /** The counters CoreDNS keeps (queries, answers by rcode, forwarded queries, drops). */
  public DnsMetrics metrics() {
    return metrics;
  }

  private void onView(ClusterView view) {
    synced = true;
    if (lastView == null || !view.services().equals(lastView.services()) || !view.endpointSlices().equals(lastView.endpointSlices())) {
      index = ClusterIndex.of(view);
      serial = System.currentTimeMillis() / 1000;
    }
    lastView = view;
    String text = corefileText(view);
    boolean firstView = provisional;
    provisional = false;
    if (corefile == null) {
      ctx.cancel(UNSYNCED);
      begin(text);
    } else if (!text.equals(corefile.text()) && (firstView || corefile.has("reload"))) {
      reload(text);
    } else {
      refresh();
    }
  }

  /** The Corefile the kubelet would have mounted: the ConfigMap's key, or kubeadm's default. */
  private String corefileText(ClusterView view) {
    for (ConfigMap cm : view.configMaps()) {
      if (cm.getMetadata() != null && CONFIG_MAP_NAMESPACE.equals(cm.getMetadata().getNamespace())
          && CONFIG_MAP_NAME.equals(cm.getMetadata().getName()) && cm.getData() != null && cm.getData().get(key) != null) {
        return cm.getData().get(key);
      }
    }
    return Corefile.kubeadmDefault(CLUSTER_DOMAIN);
  }

  private void begin(String text) {
    Corefile first;
    try {
      first = parse(text);
    } catch (IllegalArgumentException e) {
      ctx.err(e.getMessage() + "\n");
      ctx.exit(1);
      return;
    }
    String failure = apply(first);
    if (failure != null) {
      ctx.err("Listen: " + failure + "\n");
      ctx.exit(1);
      return;
    }
    if (!flags.isTrue("quiet")) {
      first.servers().forEach(b -> b.addresses().forEach(this::log));
      logConfiguration();
      log("CoreDNS-" + VERSION);
      log(BUILD);
    }
  }

  private void reload(String text) {
    log("[INFO] Reloading");
    try {
      String failure = apply(parse(text));
      if (failure != null) {
        throw new IllegalArgumentException(failure);
      }
    } catch (IllegalArgumentException e) {
      log("[ERROR] Restart failed: " + e.getMessage());
      refresh();
      return;
    }
    logConfiguration();
    log("[INFO] Reloading complete");
  }

  private Corefile parse(String text) {
    return Corefile.parse(flags.get("conf"), text, resolvConfNameservers(), defaultPort);
  }

  /**
   * The nameservers {@code forward . /etc/resolv.conf} means: those of the pod's resolv.conf, which
   * the kubelet writes (dnsPolicy Default, as CoreDNS's Deployment has it, makes them the node's
   * upstream), unless {@value #UPSTREAM_ENV} names others.
   */
  private List<String> resolvConfNameservers() {
    String env = ctx.env(UPSTREAM_ENV);
    if (env != null && !env.isBlank()) {
      return Arrays.stream(env.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }
    return ctx.readFile("/etc/resolv.conf").map(text -> text.lines().map(String::strip)
        .filter(l -> l.startsWith("nameserver")).map(l -> l.substring("nameserver".length()).strip())
        .filter(ns -> !ns.isEmpty()).toList()).orElse(List.of());
  }

  /** Listens where {@code next} asks and serves it; the listen error, or null. */
  private String apply(Corefile next) {
    for (ServerBlock b : next.servers()) {
      if (!dnsPorts.contains(b.port())) {
        if (!endpoint.listen(b.port())) {
          return "listen tcp :" + b.port() + ": bind: address already in use";
        }
        dnsPorts.add(b.port());
      }
    }
    int taken = http.configure(next);
    if (taken > 0) {
      return "listen tcp :" + taken + ": bind: address already in use";
    }
    corefile = next;
    refresh();
    return null;
  }

  private void refresh() {
    server.configure(corefile, index, serial, synced, List.of(ctx.net().address().toString()));
  }

  private void logConfiguration() {
    if (corefile.has("reload")) {
      log("[INFO] plugin/reload: Running configuration SHA512 = " + corefile.sha512());
    }
  }

  @Override
  public void onTimer(String timer) {
    if (timer.equals(UNSYNCED)) {
      if (corefile == null) {
        log("[WARNING] plugin/kubernetes: starting server with unsynced Kubernetes API");
        provisional = true;
        begin(Corefile.kubeadmDefault(CLUSTER_DOMAIN));
      }
    } else if (timer.equals(LAMEDUCK)) {
      ctx.exit(0);
    } else if (!endpoint.onTimer(timer)) {
      forwarder.onTimer(timer);
    }
  }

  /** SIGTERM: CoreDNS keeps serving for health's lameduck period, then exits 0. */
  @Override
  public void onTerminate() {
    if (ctx == null || ctx.exited() || terminating) {
      return;
    }
    terminating = true;
    log("[INFO] SIGTERM: Shutting down servers then terminating");
    Duration lameduck = corefile == null ? Duration.ZERO : corefile.servers().stream().filter(b -> b.healthPort().isPresent())
        .map(ServerBlock::lameduck).findFirst().orElse(Duration.ZERO);
    if (lameduck.isZero()) {
      ctx.exit(0);
      return;
    }
    log("[INFO] plugin/health: Going into lameduck mode for " + lameduck.toSeconds() + "s");
    ctx.schedule(LAMEDUCK, lameduck);
  }

  private String metricsText() {
    return "# TYPE coredns_build_info gauge\ncoredns_build_info{goversion=\"go1.21.11\",revision=\"a6338e9\",version=\"" + VERSION
        + "\"} 1\n" + metrics.render();
  }

  private void log(String line) {
    ctx.out(line + "\n");
  }

  private static boolean validPort(String text) {
    try {
      int p = Integer.parseInt(text);
      return p >= 1 && p <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String pluginList() {
    StringBuilder sb = new StringBuilder("Server types:\n  dns\n\nCaddyfile loaders:\n  flag\n  default\n\nOther plugins:\n");
    for (String p : List.of("cache", "errors", "forward", "health", "kubernetes", "loadbalance", "log", "loop", "prometheus",
        "ready", "reload")) {
      sb.append("  dns.").append(p).append('\n');
    }
    return sb.toString();
  }
}
