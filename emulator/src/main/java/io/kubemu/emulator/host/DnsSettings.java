package io.kubemu.emulator.host;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.kubemu.nodes.agent.NodeDns;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubemu.cluster.dns}: the kubelets' DNS settings, read and checked with the cluster settings
 * so that {@code up} refuses a cluster IP no Service could have, or a resolv.conf no libc reads,
 * before any host starts.
 */
final class DnsSettings {
  static final String KEY = "kubemu.cluster.dns";
  /** MAXNS of glibc and musl: a resolver reads no more nameservers than this. */
  private static final int MAX_NAMESERVERS = 3;
  private static final int TENTH = 10;

  private DnsSettings() {}

  /** The settings under {@code cluster} (the kubemu.cluster section), the cluster IP inside {@code serviceCidr}. */
  static NodeDns read(Config cluster, Ipv4Cidr serviceCidr) {
    return new NodeDns(clusterIp(string(cluster, "cluster-ip"), serviceCidr), domain(string(cluster, "domain")),
        upstream(cluster));
  }

  /** The address given, or kubeadm's choice, the tenth of the service CIDR, when none is. */
  private static Ipv4Address clusterIp(String text, Ipv4Cidr services) {
    if (text.isEmpty()) {
      return services.address(TENTH);
    }
    String expected = " (expected: an address of the service CIDR " + services + " other than its first, the kubernetes"
        + " Service's, such as " + services.address(TENTH) + ")";
    Ipv4Address ip;
    try {
      ip = Ipv4Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad " + KEY + ".cluster-ip: '" + text + "'" + expected);
    }
    if (!services.contains(ip) || ip.equals(services.network()) || ip.equals(services.broadcast())
        || ip.equals(services.address(1))) {
      throw new IllegalArgumentException("bad " + KEY + ".cluster-ip: " + ip + expected);
    }
    return ip;
  }

  private static String domain(String text) {
    if (text.length() > 253 || !text.matches(ExternalHosts.DNS_NAME)) {
      throw new IllegalArgumentException("bad " + KEY + ".domain: '" + text
          + "' (expected: a lower-case DNS name without a final dot, such as cluster.local)");
    }
    return text;
  }

  private static List<Ipv4Address> upstream(Config cluster) {
    List<String> texts;
    try {
      texts = cluster.getStringList("dns.upstream");
    } catch (ConfigException.WrongType e) {
      throw new IllegalArgumentException("bad " + KEY + ".upstream: " + cluster.getValue("dns.upstream").render()
          + " (expected: a list of IPv4 addresses, such as [\"203.0.113.53\"])");
    }
    if (texts.isEmpty() || texts.size() > MAX_NAMESERVERS) {
      throw new IllegalArgumentException("bad " + KEY + ".upstream: " + texts.size() + " addresses (expected: 1 to "
          + MAX_NAMESERVERS + ", the nameservers of the nodes' resolv.conf)");
    }
    List<Ipv4Address> addresses = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      try {
        addresses.add(Ipv4Address.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad " + KEY + ".upstream[" + i + "]: '" + texts.get(i)
            + "' (expected: an IPv4 address such as 203.0.113.53)");
      }
    }
    return addresses;
  }

  private static String string(Config cluster, String field) {
    try {
      return cluster.getString("dns." + field);
    } catch (ConfigException.WrongType e) {
      throw new IllegalArgumentException("bad " + KEY + "." + field + ": " + cluster.getValue("dns." + field).render()
          + " (expected: a string)");
    }
  }
}
