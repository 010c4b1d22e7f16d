package io.kubemu.nodes.pod;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.Map;
import java.util.Optional;

/**
 * The files a pod's programs can read, by absolute path. kubemu's containers have no image file
 * system: what exists is what the container runtime mounts into every container, the kubelet's
 * {@code /etc/resolv.conf} and {@code /etc/hosts}, because resolvers and {@code cat} read them.
 * The containers of a pod share them, as they share the pod's network namespace.
 */
public record PodFiles(Map<String, String> byPath) {
  public static final String RESOLV_CONF = "/etc/resolv.conf";
  public static final String HOSTS = "/etc/hosts";

  public PodFiles {
    byPath = Map.copyOf(byPath);
  }

  /** A file's text; a relative path is taken from {@code /}, every container's working directory here. */
  public Optional<String> read(String path) {
    String absolute = path.startsWith("/") ? path : "/" + path;
    return Optional.ofNullable(byPath.get(absolute));
  }

  /**
   * What a host that no kubelet manages has (kubemu's external hosts): the {@code /etc/hosts} Docker
   * writes for a container, localhost and the host's own name, and no resolv.conf, so its programs
   * reach names only through that file.
   */
  public static PodFiles standalone(String hostname, Ipv4Address ip) {
    return new PodFiles(Map.of(HOSTS, "127.0.0.1\tlocalhost\n"
        + "::1\tlocalhost ip6-localhost ip6-loopback\n"
        + "fe00::0\tip6-localnet\n"
        + "ff00::0\tip6-mcastprefix\n"
        + "ff02::1\tip6-allnodes\n"
        + "ff02::2\tip6-allrouters\n"
        + ip + "\t" + hostname + "\n"));
  }
}
