package io.kubemu.nodes.backend;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The backends by configured name. An unknown name fails at start and lists the valid ones. */
public final class Backends {
  private static final Map<String, Function<Ipv4Address, Backend>> FACTORIES = new TreeMap<>(Map.of(
      FlannelVxlan.NAME, FlannelVxlan::new, FlannelHostGw.NAME, FlannelHostGw::new, CalicoBgp.NAME, CalicoBgp::new));

  private Backends() {}

  /** The backend {@code name} for the node whose underlay address is {@code nodeIp}. */
  public static Backend create(String name, Ipv4Address nodeIp) {
    return factory(name).apply(nodeIp);
  }

  /** Fails with the valid names when {@code name} is not a backend. */
  public static void requireKnown(String name) {
    factory(name);
  }

  private static Function<Ipv4Address, Backend> factory(String name) {
    Function<Ipv4Address, Backend> factory = FACTORIES.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("unknown backend: '" + name + "' (expected one of: "
          + String.join(", ", FACTORIES.keySet()) + ")");
    }
    return factory;
  }

  public static java.util.Set<String> names() {
    return FACTORIES.keySet();
  }
}
