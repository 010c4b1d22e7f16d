package io.kubemu.nodes.app.ingress;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubemu.nodes.app.App;
import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.app.ClusterView;
import io.kubemu.nodes.app.NginxSite;
import io.kubemu.nodes.app.http.HttpServerConnection;
import io.kubemu.nodes.app.tls.CertifiedKey;
import io.kubemu.nodes.app.tls.SniKeyManager;
import io.kubemu.nodes.app.tls.TlsSocket;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The ingress-nginx controller ({@code registry.k8s.io/ingress-nginx/controller}, program
 * {@code /nginx-ingress-controller}): it watches Ingresses, IngressClasses, Services,
 * EndpointSlices and Secrets, and serves HTTP on 80 and HTTPS on 443 in its pod, proxying each
 * request to a pod of the backend that its Host and path select ({@link IngressConfig}). TLS
 * certificates come from the Secrets that Ingresses name under {@code tls}, chosen by SNI; other
 * names get the controller's fake certificate, or the {@code --default-ssl-certificate}. A host
 * with TLS gets plain HTTP redirected (308), as ingress-nginx's ssl-redirect does. {@code /healthz}
 * on 10254 answers its probes. Requests are logged in ingress-nginx's upstream log format.
 */
public final class IngressNginx implements App {
  public static final String CONTROLLER = "k8s.io/ingress-nginx";
  private static final DateTimeFormatter KLOG = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter ACCESS = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static final List<String> KNOWN_FLAGS = List.of("ingress-class", "controller-class", "http-port", "https-port",
      "healthz-port", "default-ssl-certificate", "watch-ingress-without-class", "election-id", "configmap",
      "publish-service", "publish-status-address", "validating-webhook", "validating-webhook-certificate",
      "validating-webhook-key", "enable-metrics", "v", "report-node-internal-ip-address");

  private final NginxSite pages = new NginxSite();
  private final Map<String, IngressConnection> waitingOnTimers = new HashMap<>();
  private final Random random = new Random();
  private AppContext ctx;
  private String className = "nginx";
  private String controllerClass = CONTROLLER;
  private String defaultCertificate;
  private IngressConfig config;
  private Upstreams upstreams;
  private Map<String, CertifiedKey> certificates = Map.of();
  private CertifiedKey fallbackCertificate;
  private SSLContext ssl;
  private long nextConnection = 1;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    Map<String, String> flags = flags(ctx.argv());
    className = flags.getOrDefault("ingress-class", className);
    controllerClass = flags.getOrDefault("controller-class", controllerClass);
    defaultCertificate = flags.get("default-ssl-certificate");
    boolean withoutClass = Boolean.parseBoolean(flags.getOrDefault("watch-ingress-without-class", "false"));
    int http = port(flags, "http-port", 80);
    int https = port(flags, "https-port", 443);
    int healthz = port(flags, "healthz-port", 10254);
    if (ctx.exited()) {
      return;
    }
    ctx.out("-------------------------------------------------------------------------------\n"
        + "NGINX Ingress controller\n  Release:       v1.11.3\n  Build:         kubemu\n"
        + "  Repository:    https://github.com/kubernetes/ingress-nginx\n  nginx version: nginx/1.25.5\n\n"
        + "-------------------------------------------------------------------------------\n\n");
    config = IngressConfig.build(ClusterView.EMPTY, controllerClass, className, withoutClass, this::warn);
    upstreams = new Upstreams(ClusterView.EMPTY);
    ssl = sslContext(Map.of(), FakeCertificate.get());
    boolean bound = ctx.listenTcp(http, 4096, s -> new IngressConnection(this, s, "http", http, nextConnection++))
        && ctx.listenTcp(https, 4096, s -> TlsSocket.server(engine(), s,
            tls -> new IngressConnection(this, tls, "https", https, nextConnection++)))
        && ctx.listenTcp(healthz, 128, s -> new HttpServerConnection(HttpLimits.DEFAULT, this::health, HttpServerConnection.PLAIN));
    if (!bound) {
      klog('F', "listen tcp: address already in use (ports " + http + ", " + https + ", " + healthz + ")");
      ctx.exit(255);
      return;
    }
    klog('I', "\"Starting NGINX Ingress controller\"");
    ctx.watchCluster(view -> reconfigure(view, withoutClass));
  }

  private Map<String, String> flags(List<String> argv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (!a.startsWith("-")) {
        continue;
      }
      String name = a.replaceFirst("^--?", "");
      String value = "true";
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < argv.size() && !argv.get(i + 1).startsWith("-")) {
        value = argv.get(++i);
      }
      if (!KNOWN_FLAGS.contains(name)) {
        klog('W', "flag --" + name + " is not implemented by kubemu's ingress-nginx; ignored");
      }
      out.put(name, value);
    }
    return out;
  }

  private int port(Map<String, String> flags, String name, int fallback) {
    String v = flags.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int p = Integer.parseInt(v);
      if (p > 0 && p < 65536) {
        return p;
      }
    } catch (NumberFormatException bad) {
      // reported below
    }
    klog('F', "invalid argument \"" + v + "\" for \"--" + name + "\" flag: port must be between 1 and 65535");
    ctx.exit(255);
    return fallback;
  }

  private void reconfigure(ClusterView view, boolean withoutClass) {
    IngressConfig next = IngressConfig.build(view, controllerClass, className, withoutClass, this::warn);
    Map<String, CertifiedKey> certs = certificates(view, next);
    CertifiedKey fallback = defaultCertificate(view);
    boolean changed = config == null || !next.servers().equals(config.servers()) || !certs.equals(certificates)
        || !Objects.equals(fallback, fallbackCertificate);
    if (!certs.equals(certificates) || !Objects.equals(fallback, fallbackCertificate) || ssl == null) {
      ssl = sslContext(certs, fallback);
    }
    certificates = certs;
    fallbackCertificate = fallback;
    config = next;
    upstreams = upstreams.withView(view);
    if (changed) {
      klog('I', "\"Configuration changes detected, backend reload required\"");
      klog('I', "\"Backend successfully reloaded\"");
    }
  }

  /** The certificate each TLS host gets: its Secret's, when the Secret is readable and the certificate covers the host. */
  private Map<String, CertifiedKey> certificates(ClusterView view, IngressConfig next) {
    Map<String, CertifiedKey> out = new HashMap<>();
    for (IngressConfig.Server s : next.servers().values()) {
      if (s.tlsSecret() == null) {
        continue;
      }
      CertifiedKey key = secret(view, s.tlsSecret());
      if (key == null) {
        continue;
      }
      if (!key.covers(s.host())) {
        warn("SSL certificate \"" + s.tlsSecret() + "\" does not contain a Common Name or Subject Alternative Name for server \""
            + s.host() + "\": x509: certificate is not valid for " + s.host() + "; using the default certificate");
        continue;
      }
      out.put(s.host(), key);
    }
    return out;
  }

  private CertifiedKey defaultCertificate(ClusterView view) {
    CertifiedKey configured = defaultCertificate == null ? null : secret(view, defaultCertificate);
    return configured != null ? configured : FakeCertificate.get();
  }

  private CertifiedKey secret(ClusterView view, String nsName) {
    String[] parts = nsName.split("/", 2);
    Secret secret = view.secrets().stream().filter(s -> s.getMetadata().getNamespace().equals(parts[0])
        && s.getMetadata().getName().equals(parts.length > 1 ? parts[1] : "")).findFirst().orElse(null);
    if (secret == null) {
      warn("Error getting SSL certificate \"" + nsName + "\": local SSL certificate " + nsName + " was not found");
      return null;
    }
    String crt = field(secret, "tls.crt");
    String key = field(secret, "tls.key");
    if (crt == null || key == null) {
      warn("Error getting SSL certificate \"" + nsName + "\": no keypair could be found in " + nsName);
      return null;
    }
    try {
      return CertifiedKey.fromPem(crt, key);
    } catch (IllegalArgumentException e) {
      warn("Error getting SSL certificate \"" + nsName + "\": unexpected error creating SSL Cert: " + e.getMessage());
      return null;
    }
  }

  private static String field(Secret s, String name) {
    if (s.getData() != null && s.getData().get(name) != null) {
      try {
        return new String(Base64.getMimeDecoder().decode(s.getData().get(name)), StandardCharsets.US_ASCII);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
    return s.getStringData() == null ? null : s.getStringData().get(name);
  }

  private static SSLContext sslContext(Map<String, CertifiedKey> certs, CertifiedKey fallback) {
    try {
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(new KeyManager[] {new SniKeyManager(certs, fallback)}, null, null);
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS", e);
    }
  }

  private SSLEngine engine() {
    SSLEngine e = ssl.createSSLEngine();
    e.setEnabledProtocols(new String[] {"TLSv1.2", "TLSv1.3"});
    return e;
  }

  private HttpResponse health(HttpRequest req, TcpSocket from) {
    boolean ok = req.path().equals("/healthz");
    return HttpResponse.text(ok ? 200 : 404, HttpHeaders.of("Content-Type", "text/plain; charset=utf-8"), ok ? "ok" : "404 page not found\n");
  }

  // ---- what connections use ----

  IngressConfig config() {
    return config;
  }

  Upstreams upstreams() {
    return upstreams;
  }

  TcpSocket connect(Ipv4Address address, int port, TcpHandler handler) {
    return ctx.connectTcp(address, port, handler);
  }

  HttpResponse errorPage(int status) {
    return pages.error(status);
  }

  /** ingress-nginx's answer to plain HTTP for a TLS host. */
  HttpResponse redirect(String host, String target) {
    HttpResponse page = pages.error(308);
    return page.withHeaders(page.headers().set("Location", "https://" + host + target));
  }

  String requestId() {
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }

  void schedule(IngressConnection c, Duration delay) {
    waitingOnTimers.put(c.timerKey(), c);
    ctx.schedule(c.timerKey(), delay);
  }

  void cancel(IngressConnection c) {
    waitingOnTimers.remove(c.timerKey());
    ctx.cancel(c.timerKey());
  }

  @Override
  public void onTimer(String key) {
    IngressConnection c = waitingOnTimers.remove(key);
    if (c != null) {
      c.timedOut();
    }
  }

  /** SIGTERM: ingress-nginx stops nginx and exits 0. */
  @Override
  public void onTerminate() {
    if (ctx != null) {
      klog('I', "\"Received SIGTERM, shutting down\"");
      ctx.exit(0);
    }
  }

  void warn(String message) {
    klog('W', message);
  }

  /** The upstream log line of ingress-nginx's default log-format-upstream. */
  void accessLog(TcpSocket from, HttpRequest req, HttpResponse resp, double seconds, IngressConfig.Upstream up,
      Upstreams.Endpoint to) {
    String time = ZonedDateTime.now(ZoneOffset.UTC).format(ACCESS);
    String upstream = up == null ? "" : up.name();
    String addr = to == null ? "-" : to.toString();
    String status = to == null ? "-" : Integer.toString(resp.status());
    ctx.out(from.remoteAddress() + " - - [" + time + "] \"" + req.method() + " " + req.target() + " " + req.version()
        + "\" " + resp.status() + " " + resp.body().length + " \"" + req.headers().first("Referer").orElse("-") + "\" \""
        + req.headers().first("User-Agent").orElse("-") + "\" " + req.length() + " " + String.format(Locale.ROOT, "%.3f", seconds)
        + " [" + upstream + "] [] " + addr + " " + (to == null ? "-" : Integer.toString(resp.body().length)) + " "
        + String.format(Locale.ROOT, "%.3f", seconds) + " " + status + " " + Objects.requireNonNullElse(
            req.headers().first("X-Request-ID").orElse(null), "-") + "\n");
  }

  private void klog(char level, String message) {
    String line = level + ZonedDateTime.now(ZoneOffset.UTC).format(KLOG) + "       7 controller.go:0] " + message + "\n";
    if (level == 'I') {
      ctx.out(line);
    } else {
      ctx.err(line);
    }
  }

  /** ingress-nginx's self-signed default certificate, made once per JVM (an RSA key takes a moment). */
  private static final class FakeCertificate {
    private static final CertifiedKey CERT = CertifiedKey.selfSigned("Kubernetes Ingress Controller Fake Certificate",
        "Acme Co", List.of("ingress.local"));

    static CertifiedKey get() {
      return CERT;
    }
  }
}
