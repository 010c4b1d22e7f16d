package io.kubemu.nodes.proxy;

/** One port of one Service, as kube-proxy names it: {@code namespace/name:port}, or {@code namespace/name} for an unnamed port. */
public record ServicePortName(String namespace, String name, String port) implements Comparable<ServicePortName> {
  @Override
  public String toString() {
    return namespace + "/" + name + (port == null || port.isEmpty() ? "" : ":" + port);
  }

  @Override
  public int compareTo(ServicePortName o) {
    return toString().compareTo(o.toString());
  }
}
