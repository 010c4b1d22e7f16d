package io.kubemu.nodes.tcp;

import java.time.Duration;

/**
 * A pod's TCP tunables, with Linux's defaults: net.ipv4.tcp_syn_retries 6, tcp_synack_retries 5,
 * tcp_retries2 15, an initial RTO of 1 s (RFC 6298) bounded by 200 ms and 120 s, TIME-WAIT of
 * 60 s, and somaxconn 4096.
 */
public record TcpConfig(int synRetries, int synAckRetries, int retries, Duration initialRto, Duration minRto,
    Duration maxRto, Duration timeWait, int maxTimeWait, int maxBacklog, int receiveWindow, int sendBufferBytes,
    int maxConnections) {
  public static final TcpConfig LINUX = new TcpConfig(6, 5, 15, Duration.ofSeconds(1), Duration.ofMillis(200),
      Duration.ofSeconds(120), Duration.ofSeconds(60), 4096, 4096, 65535, 4 << 20, 16384);
}
