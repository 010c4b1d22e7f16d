package io.kubemu.emulator.host;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.kubemu.nodes.app.Images;
import io.kubemu.nodes.external.ExternalHost;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code kubemu.cluster.external-hosts}: the emulated hosts beyond the node network's gateway, read
 * and checked when the settings are, so that {@code up} refuses a bad entry, naming it and its
 * field, before any host starts, rather than start a host that nothing can reach.
 */
final class ExternalHosts {
  static final String KEY = "kubemu.cluster.external-hosts";
  private static final Set<String> FIELDS = Set.of("name", "address", "image", "args");
  /** A lower-case DNS name of labels, without a final dot. */
  static final String DNS_NAME = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*";
  /** Where no host of the world can be: this network, loopback, link-local (the hosts' own gateway), multicast, reserved. */
  private static final Map<String, Ipv4Cidr> SPECIAL = specialRanges();

  private ExternalHosts() {}

  private static Map<String, Ipv4Cidr> specialRanges() {
    Map<String, Ipv4Cidr> m = new LinkedHashMap<>();
    m.put("\"this\" network", Ipv4Cidr.parse("0.0.0.0/8"));
    m.put("loopback", Ipv4Cidr.parse("127.0.0.0/8"));
    m.put("link-local range", Ipv4Cidr.parse("169.254.0.0/16"));
    m.put("multicast range", Ipv4Cidr.parse("224.0.0.0/4"));
    m.put("reserved range", Ipv4Cidr.parse("240.0.0.0/4"));
    return m;
  }

  /** The hosts of {@code cluster} (the kubemu.cluster section), each whole and named once. */
  static List<ExternalHost> read(Config cluster) {
    List<ExternalHost> hosts = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<Ipv4Address, Integer> addresses = new HashMap<>();
    List<? extends ConfigValue> entries;
    try {
      entries = cluster.getList("external-hosts");
    } catch (ConfigException.WrongType e) {
      throw new IllegalArgumentException("bad " + KEY + ": " + e.getMessage() + " (expected: a list of objects)");
    }
    for (int i = 0; i < entries.size(); i++) {
      ExternalHost h = entry(i, entries.get(i));
      Integer sameName = names.putIfAbsent(h.name(), i);
      if (sameName != null) {
        throw bad(i, "name", "'" + h.name() + "' is taken by " + KEY + "[" + sameName + "] (expected: one host per name)");
      }
      Integer sameAddress = addresses.putIfAbsent(h.address(), i);
      if (sameAddress != null) {
        throw bad(i, "address", h.address() + " is taken by " + KEY + "[" + sameAddress + "] (expected: one host per address)");
      }
      hosts.add(h);
    }
    return List.copyOf(hosts);
  }

  /** Refuses a host inside one of the cluster's own ranges or a special-purpose one: nothing could route to it. */
  static void requireOutside(List<ExternalHost> hosts, Ipv4Cidr clusterCidr, Ipv4Cidr nodeNetwork, Ipv4Cidr serviceCidr) {
    Map<String, Ipv4Cidr> all = new LinkedHashMap<>();
    all.put("cluster CIDR", clusterCidr);
    all.put("node network", nodeNetwork);
    all.put("service CIDR", serviceCidr);
    all.putAll(SPECIAL);
    for (int i = 0; i < hosts.size(); i++) {
      Ipv4Address a = hosts.get(i).address();
      for (Map.Entry<String, Ipv4Cidr> r : all.entrySet()) {
        if (r.getValue().contains(a)) {
          throw bad(i, "address", a + " is inside the " + r.getKey() + " " + r.getValue() + " (expected: an address outside "
              + String.join(", ", all.keySet()) + ")");
        }
      }
    }
  }

  private static ExternalHost entry(int i, ConfigValue value) {
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw new IllegalArgumentException("bad " + KEY + "[" + i + "]: " + value.render() + " (expected: an object"
          + " { name, address, image, args })");
    }
    ConfigObject o = (ConfigObject) value;
    Set<String> unknown = new TreeSet<>(o.keySet());
    unknown.removeAll(FIELDS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("bad " + KEY + "[" + i + "]: unknown field " + unknown
          + " (expected: name, address, image, and optionally args)");
    }
    Config c = o.toConfig();
    String name = string(i, c, "name");
    if (name.length() > 253 || !name.matches(DNS_NAME)) {
      throw bad(i, "name", "'" + name + "' (expected: a lower-case DNS name such as example.com)");
    }
    String text = string(i, c, "address");
    Ipv4Address address;
    try {
      address = Ipv4Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw bad(i, "address", "'" + text + "' (expected: an IPv4 address such as 203.0.113.10)");
    }
    String image = string(i, c, "image");
    if (Images.find(image).isEmpty()) {
      throw bad(i, "image", "'" + image + "': kubemu has no app for it (known: " + String.join(", ", Images.known()) + ")");
    }
    List<String> args;
    try {
      args = c.hasPath("args") ? c.getStringList("args") : List.of();
    } catch (ConfigException.WrongType e) {
      throw bad(i, "args", o.get("args").render() + " (expected: a list of strings)");
    }
    return new ExternalHost(name, address, image, args);
  }

  private static String string(int i, Config c, String field) {
    if (!c.hasPath(field)) {
      throw bad(i, field, "missing (expected: name, address and image are required)");
    }
    try {
      return c.getString(field);
    } catch (ConfigException.WrongType e) {
      throw bad(i, field, c.getValue(field).render() + " (expected: a string)");
    }
  }

  private static IllegalArgumentException bad(int i, String field, String problem) {
    return new IllegalArgumentException("bad " + KEY + "[" + i + "]." + field + ": " + problem);
  }
}
