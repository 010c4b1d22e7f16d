package io.kubemu.nodes.app.tls;

import io.kubemu.nodes.app.http.TcpConnector;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * curl's TLS: SNI with the URL's host name (never for an IP address), the certificate checked
 * against the system's trusted roots and the host name, unless {@code -k}; and curl's words for
 * what went wrong (exit 60 for certificates, 35 for the handshake).
 */
public final class CurlTls {
  /** A failure as curl reports it. */
  public record Failure(int exitCode, String message) {}

  private CurlTls() {}

  /** A connector whose connections speak TLS to {@code host} (as the URL names it). */
  public static TcpConnector connector(TcpConnector raw, String host, int port, boolean insecure) {
    return (destination, p, handler) -> TlsSocket.connect(engine(host, port, insecure), raw, destination, p, handler);
  }

  private static SSLEngine engine(String host, int port, boolean insecure) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, insecure ? new TrustManager[] {new TrustAll()} : null, null);
      boolean named = !host.matches("[0-9.]+") && !host.startsWith("[");
      SSLEngine e = named ? ctx.createSSLEngine(host, port) : ctx.createSSLEngine();
      SSLParameters params = e.getSSLParameters();
      params.setServerNames(named ? List.of(new SNIHostName(host)) : List.of());
      if (!insecure) {
        params.setEndpointIdentificationAlgorithm("HTTPS");
      }
      params.setApplicationProtocols(new String[] {"http/1.1"});
      e.setSSLParameters(params);
      return e;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the JDK has no TLS client", e);
    }
  }

  /** curl's error for a TLS failure ({@link TlsSocket#failure()} text, "TLS: ..."), or null when it is not one. */
  public static Failure failure(String detail, String host) {
    if (detail == null || !detail.startsWith("TLS: ")) {
      return null;
    }
    String why = detail.substring(5);
    if (why.contains("No subject alternative") || why.contains("No name matching")) {
      return new Failure(60, "SSL: no alternative certificate subject name matches target host name '" + host + "'");
    }
    if (why.contains("PKIX path") || why.contains("unable to find valid certification path")) {
      return new Failure(60, "SSL certificate problem: self-signed certificate");
    }
    return new Failure(35, "OpenSSL SSL_connect: " + why);
  }

  /** What -k does: every certificate is taken, whoever it names. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
