package io.kubemu.nodes.agent;

import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;
import java.util.Objects;

/**
 * A pod's names as the kubelet gives them (GeneratePodHostNameAndDomain) and the
 * {@code /etc/hosts} it writes into every container (managedHostsFileContent): localhost, the
 * pod's own address under its hostname (and its FQDN when it has a subdomain), then the
 * hostAliases. Programs find these names before asking any DNS server.
 */
public final class PodHosts {
  /** The kernel's limit on a hostname (64 bytes with the terminating NUL). */
  private static final int MAX_HOSTNAME = 63;

  private PodHosts() {}

  /** spec.hostname, else the pod's name; cut to 63 characters without a trailing '-' or '.'. */
  static String hostname(Pod pod) {
    String h = pod.getSpec().getHostname() != null && !pod.getSpec().getHostname().isEmpty()
        ? pod.getSpec().getHostname() : pod.getMetadata().getName();
    if (h.length() <= MAX_HOSTNAME) {
      return h;
    }
    String cut = h.substring(0, MAX_HOSTNAME);
    int end = cut.length();
    while (end > 1 && (cut.charAt(end - 1) == '-' || cut.charAt(end - 1) == '.')) {
      end--;
    }
    return cut.substring(0, end);
  }

  /** {@code <subdomain>.<namespace>.svc.<domain>} for a pod with spec.subdomain (a headless Service's pods), else empty. */
  static String hostDomain(Pod pod, String clusterDomain) {
    String sub = pod.getSpec().getSubdomain();
    if (sub == null || sub.isEmpty()) {
      return "";
    }
    String ns = pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
    return sub + "." + ns + ".svc." + clusterDomain;
  }

  /** The kubelet's file, byte for byte: tabs between fields, the hostAliases after a blank line and their header. */
  public static String managedHostsFile(Ipv4Address podIp, String hostname, String hostDomain, List<HostAlias> aliases) {
    StringBuilder sb = new StringBuilder("# Kubernetes-managed hosts file.\n")
        .append("127.0.0.1\tlocalhost\n")
        .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
        .append("fe00::0\tip6-localnet\n")
        .append("fe00::0\tip6-mcastprefix\n")
        .append("fe00::1\tip6-allnodes\n")
        .append("fe00::2\tip6-allrouters\n");
    if (hostDomain.isEmpty()) {
      sb.append(podIp).append('\t').append(hostname).append('\n');
    } else {
      sb.append(podIp).append('\t').append(hostname).append('.').append(hostDomain).append('\t').append(hostname).append('\n');
    }
    if (aliases != null && !aliases.isEmpty()) {
      sb.append("\n# Entries added by HostAliases.\n");
      for (HostAlias a : aliases) {
        List<String> names = a.getHostnames() == null ? List.of() : a.getHostnames().stream().filter(Objects::nonNull).toList();
        sb.append(a.getIp()).append('\t').append(String.join("\t", names)).append('\n');
      }
    }
    return sb.toString();
  }
}
