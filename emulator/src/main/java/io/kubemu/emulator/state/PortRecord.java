package io.kubemu.emulator.state;

/**
 * A real port a host opened for a Service: what it serves ({@code nodeport} or {@code loadbalancer},
 * the service port's name), where on 127.0.0.1, where its connections enter the cluster (node and
 * address:port), and the port it asked for when that one was taken.
 */
public record PortRecord(String kind, String service, String host, int port, String node, String target, int requested) {}
