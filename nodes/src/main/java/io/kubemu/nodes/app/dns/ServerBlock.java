package io.kubemu.nodes.app.dns;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * One server of a Corefile: the zones it serves on a port and the plugins that answer there. A
 * query goes to the server whose zone is the longest match of its name; inside, the kubernetes
 * plugin answers first, then forward, as CoreDNS's fixed plugin order has it.
 *
 * @param plugins the names of every plugin the block holds, the typed ones included
 * @param healthPort where {@code health} serves {@code /health}
 * @param lameduck how long {@code health} keeps the server up after SIGTERM
 * @param readyPort where {@code ready} serves {@code /ready}
 * @param metricsPort where {@code prometheus} serves {@code /metrics}
 */
public record ServerBlock(int line, List<Name> zones, int port, Optional<KubernetesConfig> kubernetes,
    Optional<ForwardConfig> forward, Set<String> plugins, OptionalInt healthPort, Duration lameduck, OptionalInt readyPort,
    OptionalInt metricsPort) {
  public ServerBlock {
    zones = List.copyOf(zones);
    plugins = Set.copyOf(plugins);
  }

  public boolean has(String plugin) {
    return plugins.contains(plugin);
  }

  /** How CoreDNS names each zone's server in its start-up lines: {@code .:53}, {@code cluster.local.:53}. */
  public List<String> addresses() {
    return zones.stream().map(z -> z + ":" + port).toList();
  }
}
