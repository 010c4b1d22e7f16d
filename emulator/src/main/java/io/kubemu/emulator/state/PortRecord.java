package io.kubemu.emulator.state;

/**
 * A real port a host opened for a Service: what it serves ({@code nodeport} or {@code loadbalancer},
 * the service port's name), where on 127.0.0.1, where its connections enter the cluster (node and
 * address:port), the port it asked for when that one was taken, and its protocol (tcp or udp; a
 * record written before UDP ports existed reads as tcp).
 */
public record PortRecord(String kind, String service, String host, int port, String node, String target, int requested,
    String protocol) {
  /** A TCP port. */
  public PortRecord(String kind, String service, String host, int port, String node, String target, int requested) {
    this(kind, service, host, port, node, target, requested, "tcp");
  }

  /** Where a client reaches it: udp:// for UDP, tcp:// for the cluster DNS over TCP, http:// for other TCP (web servers mostly). */
  public String url() {
    String scheme = "udp".equals(protocol) ? "udp://" : "dns".equals(kind) ? "tcp://" : "http://";
    return scheme + "127.0.0.1:" + port;
  }
}
