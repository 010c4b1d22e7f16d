package io.kubemu.nodes.proxy.ipvs;

import io.kubemu.nodes.proxy.EndpointInfo;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * IPVS's scheduling algorithms (ip_vs_rr.c, ip_vs_lc.c, ip_vs_sh.c) with equal weights: round
 * robin keeps a position per virtual service; least-connection takes the real server with the
 * lowest overhead, active x 256 + inactive; source hashing maps the client address onto a
 * 256-bucket table filled with the real servers in turn.
 */
final class Scheduler {
  static final Set<String> NAMES = new TreeSet<>(List.of("rr", "lc", "sh"));
  private static final int SH_BUCKETS = 256;

  private final Map<String, Integer> rrPosition = new HashMap<>();

  EndpointInfo pick(VirtualServer vs, Ipv4Address client, ToIntFunction<EndpointInfo> overhead) {
    List<EndpointInfo> rs = vs.realServers();
    return switch (vs.scheduler()) {
      case "lc" -> {
        EndpointInfo best = rs.get(0);
        int least = overhead.applyAsInt(best);
        for (EndpointInfo e : rs.subList(1, rs.size())) {
          int o = overhead.applyAsInt(e);
          if (o < least) {
            least = o;
            best = e;
          }
        }
        yield best;
      }
      case "sh" -> {
        // ip_vs_sh_hashkey: (ntohl(addr) * 2654435761) >> (32 - 8), then bucket i holds real server i mod n
        long h = ((client.bits() & 0xFFFFFFFFL) * 2654435761L) & 0xFFFFFFFFL;
        int bucket = (int) (h >>> 24) % SH_BUCKETS;
        yield rs.get(bucket % rs.size());
      }
      default -> {
        int next = (rrPosition.getOrDefault(vs.key(), -1) + 1) % rs.size();
        rrPosition.put(vs.key(), next);
        yield rs.get(next);
      }
    };
  }

  /** Virtual services that are gone forget their position. */
  void retain(Set<String> keys) {
    rrPosition.keySet().retainAll(keys);
  }
}
