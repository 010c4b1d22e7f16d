package io.kubemu.nodes.app.http;

import java.util.Locale;

/**
 * Why an {@link HttpFetch} got no response. {@code detail} is the errno text for CONNECT and
 * RECEIVE ("Connection refused", "Connection reset by peer"), the parser's message for MALFORMED,
 * empty otherwise; {@code received} counts the response bytes that did arrive.
 */
public record FetchFailure(Kind kind, String detail, long received) {
  public enum Kind {
    /** connect() failed. */
    CONNECT,
    /** The caller's timer fired before the handshake completed. */
    TIMEOUT_CONNECTING,
    /** The caller's timer fired after the handshake, before the whole response came. */
    TIMEOUT,
    /** The request could not be queued on the socket. */
    SEND,
    /** The connection failed after the handshake. */
    RECEIVE,
    /** The server closed without sending a byte. */
    EMPTY_REPLY,
    /** The response broke HTTP/1.1, was cut short, or went over the caller's caps. */
    MALFORMED
  }

  /**
   * The error as Go's net/http client (the kubelet's httpGet prober) words it:
   * {@code Get "http://10.244.0.5:80/": dial tcp 10.244.0.5:80: connect: connection refused}.
   */
  public String goText(String method, String url, String hostPort) {
    String prefix = method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT) + " \"" + url + "\": ";
    return prefix + switch (kind) {
      case CONNECT -> "dial tcp " + hostPort + ": connect: " + detail.toLowerCase(Locale.ROOT);
      case TIMEOUT_CONNECTING, TIMEOUT -> "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
      case SEND -> "write tcp " + hostPort + ": broken pipe";
      case RECEIVE -> "read tcp " + hostPort + ": read: " + detail.toLowerCase(Locale.ROOT);
      case EMPTY_REPLY -> "EOF";
      case MALFORMED -> "net/http: HTTP/1.x transport connection broken: " + detail;
    };
  }
}
